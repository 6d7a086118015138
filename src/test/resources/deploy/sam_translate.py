"""Translates a SAM template with AWS's own SAM translator, offline, and prints the CORS configuration of its HTTP API
as CloudFormation would resolve it for the given parameter values (JSON: {"cors": {...} or null}).

Usage: python sam_translate.py <template.yaml> '<parameter values as JSON>'
Used by src/test/java/dev/podcastsearch/deploy/AwsToolsTest.java."""
import json
import os
import sys

from samtranslator.parser import parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
template = yaml_parse(open(sys.argv[1]).read())
given = json.loads(sys.argv[2])
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        # The translator only takes code in S3; sam deploy uploads function.zip and puts its S3 address here.
        resource["Properties"]["CodeUri"] = "s3://bucket/function.zip"
translated = Translator(
    managed_policy_map={"AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
    sam_parser=parser.Parser()).translate(sam_template=template, parameter_values=given)

parameters = {name: str(spec.get("Default", "")) for name, spec in translated.get("Parameters", {}).items()}
parameters.update(given)
NO_VALUE = object()


def condition(name):
    return resolve(translated["Conditions"][name])


def resolve(value):
    """The intrinsic functions this template uses, as CloudFormation evaluates them."""
    if isinstance(value, list):
        return [item for item in (resolve(item) for item in value) if item is not NO_VALUE]
    if not isinstance(value, dict):
        return value
    if list(value) == ["Ref"]:
        return NO_VALUE if value["Ref"] == "AWS::NoValue" else parameters[value["Ref"]]
    if list(value) == ["Fn::If"]:
        name, then, otherwise = value["Fn::If"]
        return resolve(then if condition(name) else otherwise)
    if list(value) == ["Fn::Split"]:
        separator, text = value["Fn::Split"]
        return resolve(text).split(separator)
    if list(value) == ["Fn::Equals"]:
        left, right = value["Fn::Equals"]
        return resolve(left) == resolve(right)
    if list(value) == ["Fn::Not"]:
        return not resolve(value["Fn::Not"][0])
    return {key: item for key, item in ((key, resolve(item)) for key, item in value.items()) if item is not NO_VALUE}


apis = [r for r in translated["Resources"].values() if r["Type"] == "AWS::ApiGatewayV2::Api"]
if len(apis) != 1:
    sys.exit("expected one HTTP API, found %d" % len(apis))
cors = resolve(apis[0]["Properties"]["Body"].get("x-amazon-apigateway-cors", NO_VALUE))
print(json.dumps({"cors": None if cors is NO_VALUE else cors}))
