package dev.podcastsearch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.GET;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.ingest.IngestFunction;
import dev.podcastsearch.lambda.LambdaFront;
import dev.podcastsearch.metrics.SearchMetrics;
import dev.podcastsearch.page.SearchPage;
import dev.podcastsearch.search.SearchResource;
import dev.podcastsearch.subscribe.SearchFeedResource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * deploy/template.yaml against the code and the build: each test fails when one side changed and
 * the other did not.
 */
class TemplateTest {

    private static final String FUNCTION = "SearchFunction";
    /** The second function from the same package: it fetches the feed sources and publishes their index. */
    private static final String INGEST = "IngestFunction";
    private static final String BUCKET = "IndexBucket";
    /** Lambda's longest timeout. */
    private static final Duration LAMBDA_LIMIT = Duration.ofMinutes(15);
    /** The metrics of Lambda's own (namespace AWS/Lambda) that the template may name, each of one function. */
    private static final Set<String> LAMBDA_METRICS = Set.of("Invocations", "Errors", "Throttles", "Duration");
    /** API Gateway ends every integration after 30 s, whatever the function's timeout. */
    private static final Duration API_GATEWAY_LIMIT = Duration.ofSeconds(30);
    /** Time the function needs after the search deadline to answer 504 before Lambda cuts it off. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(2);
    /**
     * Variables the template may set that are no application setting: each is read by the JVM itself.
     * Anything else must override a property application.properties sets.
     */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    /** The feed source a deployment may add by parameter: production configures no feed, so no property sets these. */
    private static final Map<String, String> SHOW_VARIABLES = Map.of(
            "SEARCH_SOURCES_SHOW_FEED_URL", "ShowFeedUrl",
            "SEARCH_SOURCES_SHOW_NAME", "ShowName");

    private static Template template;
    private static Map<String, Object> function;
    private static Map<String, Object> ingest;
    /** application.properties as it applies on Lambda: the prod profile's values over the plain ones. */
    private static Map<String, String> application;
    /** Where Maven put the main classes: target/classes; its parent is the build directory. */
    private static Path mainClasses;

    @BeforeAll
    static void load() throws Exception {
        template = Template.load(Path.of("deploy", "template.yaml"));
        function = template.resource(FUNCTION);
        ingest = template.resource(INGEST);
        mainClasses = Path.of(SearchConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        application = productionProperties(mainClasses.resolve("application.properties"));
    }

    @Test
    void handlerIsTheFunctionsOwnFrontWithAStreamHandlerMethod() throws Exception {
        String[] handler = template.string(function, "Handler").split("::");
        assertEquals(2, handler.length, "Handler is class::method");

        Class<?> handlerClass = Class.forName(handler[0], false, getClass().getClassLoader());

        assertEquals(LambdaFront.class, handlerClass, "the function's front, which owns the shape of every answer");
        // Lambda's runtime takes a public (InputStream, OutputStream, Context) method as a stream handler; the class
        // must not implement RequestStreamHandler, or Quarkus refuses to build beside its HTTP extension's handler.
        assertNotNull(handlerClass.getMethod(handler[1], InputStream.class, OutputStream.class, Context.class));
        assertFalse(RequestStreamHandler.class.isAssignableFrom(handlerClass), handler[0] + " is no RequestStreamHandler");
        assertNotNull(handlerClass.getConstructor(), "Lambda makes it with its public no-argument constructor");
    }

    @Test
    void codeUriIsTheArchiveTheBuildProduces() {
        Path codeUri = template.directory().resolve(template.string(function, "CodeUri"));

        // The Lambda extension always names its archive function.zip, in the build directory.
        Path archive = mainClasses.getParent().resolve("function.zip");
        assertEquals(archive.toAbsolutePath().normalize(), codeUri.toAbsolutePath().normalize());
    }

    /**
     * deploy/template-aot.yaml deploys function-aot.zip ({@code -Paot}) on a custom runtime. Every other check here holds
     * for it too, because it is this template but for the package, the runtime, the architecture (the bundled JDK's)
     * and SnapStart (managed Java runtimes only).
     */
    @Test
    void aotTemplateIsThisOneButForPackageRuntimeArchitectureAndSnapStart() throws IOException {
        Map<String, Object> expected = Template.load(Path.of("deploy", "template.yaml")).root();
        Map<String, Object> actual = Template.load(Path.of("deploy", "template-aot.yaml")).root();
        expected.remove("Description");
        actual.remove("Description");
        Template.asMap(expected.get("Parameters")).remove("Architecture");
        Map<String, Object> properties = Template.asMap(Template.asMap(Template.asMap(expected.get("Resources"))
                .get(FUNCTION)).get("Properties"));
        properties.put("CodeUri", "../target/function-aot.zip");
        properties.put("Runtime", "provided.al2023");
        properties.put("Architectures", List.of("x86_64"));
        properties.remove("SnapStart");
        // The ingest keeps function.zip on java25 (no AOT cache for a function that starts once per run) and takes the
        // search function's architecture, which that template fixes.
        Template.asMap(Template.asMap(Template.asMap(expected.get("Resources")).get(INGEST)).get("Properties"))
                .put("Architectures", List.of("x86_64"));

        assertEquals(expected, actual);
        assertEquals(mainClasses.getParent().resolve("function-aot.zip").toAbsolutePath().normalize(),
                Path.of("deploy").resolve("../target/function-aot.zip").toAbsolutePath().normalize());
    }

    @Test
    void runtimeIsAJavaRuntimeNoOlderThanTheCompiledRelease() throws IOException {
        String runtime = template.string(function, "Runtime");
        Matcher java = Pattern.compile("java(\\d+)").matcher(runtime);
        assertTrue(java.matches(), "a managed Java runtime, not " + runtime);

        assertTrue(Integer.parseInt(java.group(1)) >= compiledRelease(),
                runtime + " runs classes compiled for Java " + compiledRelease());
    }

    @Test
    void lambdaTimeoutLeavesRoomAboveTheDefaultSearchTimeout() {
        Duration lambda = functionTimeout();
        Duration search = defaultSearchTimeout();

        assertTrue(lambda.compareTo(search.multipliedBy(2)) >= 0, lambda + " is at least twice " + search);
        assertTrue(lambda.compareTo(search.plus(ANSWER_MARGIN)) >= 0, lambda + " leaves " + ANSWER_MARGIN);
        assertTrue(lambda.compareTo(API_GATEWAY_LIMIT) < 0, lambda + " is under API Gateway's " + API_GATEWAY_LIMIT);
    }

    @Test
    void largestSearchTimeoutTheTemplateAcceptsStillEndsBeforeTheFunction() {
        Map<String, Object> parameter = template.parameter("SearchTimeoutSeconds");
        Duration largest = Duration.ofSeconds(((Number) parameter.get("MaxValue")).longValue());

        assertTrue(functionTimeout().compareTo(largest.plus(ANSWER_MARGIN)) >= 0,
                "a search timeout of " + largest + " still leaves " + ANSWER_MARGIN + " within " + functionTimeout());
    }

    @Test
    void everyEnvironmentVariableIsASettingTheApplicationReads() {
        Map<String, String> propertyByVariable = propertyByVariable();

        for (String name : List.of(FUNCTION, INGEST)) {
            for (String variable : template.environment(name).keySet()) {
                assertTrue(JVM_VARIABLES.contains(variable) || SHOW_VARIABLES.containsKey(variable)
                        || propertyByVariable.containsKey(variable),
                        variable + " of " + name + " maps to no property in application.properties nor setting of"
                                + " SearchConfig, so the application ignores it (known: "
                                + new TreeSet<>(propertyByVariable.keySet()) + ")");
            }
        }
    }

    @Test
    void everySourceTheTimeoutAndSuspensionCanBeSetAtDeploy() {
        String prefix = SearchConfig.class.getAnnotation(ConfigMapping.class).prefix();
        Set<String> settings = application.keySet().stream()
                .filter(key -> key.equals(prefix + ".timeout") || key.equals(prefix + ".suspension.enabled")
                        || key.equals(prefix + ".suspension.delay")
                        || key.startsWith(prefix + ".sources.")
                                && (key.endsWith(".base-url") || key.endsWith(".site-url")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(settings.isEmpty());

        for (String key : settings) {
            assertTrue(environment().containsKey(environmentName(key)),
                    "the template passes " + environmentName(key) + " for " + key);
        }
    }

    /**
     * A show is added at deploy by its feed URL alone ({@code ShowFeedUrl}), as source {@code show}: the variables are
     * the ones SearchConfig reads for a source's feed-url and name, and both are left out unless the URL is given, so
     * that the default deployment keeps the two API sources and nothing else.
     */
    @Test
    void aShowIsAddedAtDeployByItsFeedUrlParameterAlone() throws Exception {
        String prefix = SearchConfig.class.getAnnotation(ConfigMapping.class).prefix();
        assertEquals("SEARCH_SOURCES_SHOW_FEED_URL", environmentName(prefix + ".sources.show.feed-url"));
        assertEquals("SEARCH_SOURCES_SHOW_NAME", environmentName(prefix + ".sources.show.name"));
        assertEquals(Optional.class, SearchConfig.Source.class.getMethod("feedUrl").getReturnType());

        Map<String, Object> variables = environment();
        SHOW_VARIABLES.forEach((variable, parameter) -> {
            List<?> choice = (List<?>) Template.asMap(variables.get(variable)).get("Fn::If");
            assertEquals(Map.of("Ref", parameter), choice.get(1), variable + " is the parameter " + parameter);
            assertEquals(Map.of("Ref", "AWS::NoValue"), choice.get(2), variable + " is left out unless set");
            assertEquals("", template.parameter(parameter).get("Default"), parameter + " is empty by default");
        });
        assertEquals("ShowFeedConfigured", ((List<?>) Template.asMap(variables.get("SEARCH_SOURCES_SHOW_FEED_URL"))
                .get("Fn::If")).get(0));
        String pattern = (String) template.parameter("ShowFeedUrl").get("AllowedPattern");
        assertTrue("https://realpython.com/podcasts/rpp/feed".matches(pattern));
        assertTrue("".matches(pattern));
        assertFalse("file:///etc/passwd".matches(pattern));
    }

    @Test
    void parameterDefaultsAreTheApplicationDefaults() {
        Map<String, String> propertyByVariable = propertyByVariable();
        Map<String, String> declared = declaredSettings();

        environment().forEach((variable, value) -> {
            String property = propertyByVariable.get(variable);
            String fallback = property == null ? null : application.getOrDefault(property, declared.get(property));
            // A pseudo parameter (the stack's name, say) is what the deployment is, not a default to hold to; a setting
            // without a default (the index's location, the stack's own bucket) has none to hold to either.
            boolean pseudo = value instanceof Map<?, ?> function && String.valueOf(function.get("Ref")).startsWith("AWS::");
            if (fallback != null && !pseudo) {
                assertEquals(fallback, template.resolveWithDefaults(value),
                        variable + " deploys by default what " + property + " is in the application");
            }
        });
    }

    @Test
    void snapStartAppliesToPublishedVersionsThatTheAliasServes() {
        assertEquals("PublishedVersions", template.map(function, "SnapStart").get("ApplyOn"));
        String alias = template.string(function, "AutoPublishAlias");
        assertFalse(alias.isBlank());

        // SAM points the function's own events at the alias; anything else must name the alias, since
        // $LATEST has no snapshot.
        Map<String, Object> aliasRef = Map.of("Ref", FUNCTION + ".Alias");
        template.resources().forEach((name, resource) -> {
            if (!name.equals(FUNCTION)) {
                assertFalse(Template.mentions(resource, Map.of("Ref", FUNCTION)), name + " calls $LATEST");
                assertFalse(Template.mentions(resource, Map.of("Fn::GetAtt", List.of(FUNCTION, "Arn"))),
                        name + " calls $LATEST");
            }
        });
        Map<String, Object> url = template.properties(template.resource("SearchFunctionUrl"));
        assertEquals(aliasRef, url.get("TargetFunctionArn"));
        assertEquals(aliasRef, template.output("AliasArn").get("Value"));
    }

    @Test
    void httpApiRouteIsGetSearchWithPayloadFormat2() {
        String path = SearchResource.class.getAnnotation(jakarta.ws.rs.Path.class).value();
        assertTrue(Stream.of(SearchResource.class.getMethods()).anyMatch(method -> method.isAnnotationPresent(GET.class)
                && !method.isAnnotationPresent(jakarta.ws.rs.Path.class)), "SearchResource answers GET " + path);
        assertTrue(routes().contains("GET " + path), "GET " + path + " is routed, in " + routes());
    }

    /** Every route: GET, payload format 2.0, on the template's HTTP API; as "GET /path". */
    private List<String> routes() {
        List<Map<String, Object>> routes = template.map(function, "Events").values().stream()
                .map(Template::asMap)
                .filter(event -> "HttpApi".equals(event.get("Type")))
                .map(event -> Template.asMap(event.get("Properties")))
                .toList();
        for (Map<String, Object> route : routes) {
            assertEquals("2.0", route.get("PayloadFormatVersion"), "payload format of " + route.get("Path"));
            String api = (String) Template.asMap(route.get("ApiId")).get("Ref");
            assertEquals("AWS::Serverless::HttpApi", template.resource(api).get("Type"));
        }
        return routes.stream().map(route -> String.valueOf(route.get("Method")).toUpperCase() + " " + route.get("Path"))
                .toList();
    }

    @Test
    void httpApiRoutesAreTheSearchItsFeedThePageItsStylesheetAndTheOpenApiDocument() throws IOException {
        String page = SearchPage.class.getAnnotation(jakarta.ws.rs.Path.class).value();
        String search = SearchResource.class.getAnnotation(jakarta.ws.rs.Path.class).value();
        String feed = SearchFeedResource.class.getAnnotation(jakarta.ws.rs.Path.class).value();
        // The stylesheets the page links to, each a file the function serves from META-INF/resources.
        String html = Files.readString(Path.of("src/main/resources/templates/SearchPage/page.html"));
        List<String> stylesheets = Pattern.compile("<link rel=\"stylesheet\" href=\"\\{view\\.base\\}([^\"]+)\">")
                .matcher(html).results().map(match -> "/" + match.group(1)).toList();
        assertEquals(1, stylesheets.size(), "one stylesheet in the page");
        for (String stylesheet : stylesheets) {
            assertTrue(Files.isRegularFile(Path.of("src/main/resources/META-INF/resources" + stylesheet)), stylesheet);
        }
        String openApi = application.get("quarkus.smallrye-openapi.path");

        List<String> expected = new ArrayList<>(List.of("GET " + search, "GET " + feed, "GET " + page, "GET " + openApi));
        stylesheets.forEach(stylesheet -> expected.add("GET " + stylesheet));
        assertEquals(Set.copyOf(expected), Set.copyOf(routes()));
        assertEquals(expected.size(), routes().size(), "no route twice");
    }

    /**
     * SAM's role for each function carries AWSLambdaBasicExecutionRole (writing logs) and the template's statements:
     * the search function may read the index object, the ingest read and write it, and both list the bucket, so that
     * S3 answers 404 for an index not yet published rather than 403, which the code takes for an unreadable bucket.
     */
    @Test
    void searchMayOnlyReadTheIndexObjectAndTheIngestOnlyReadAndWriteIt() {
        Map<String, Object> object = Map.of("Fn::Sub", "${" + BUCKET + ".Arn}/" + indexKey());
        Map<String, Object> bucket = Map.of("Fn::GetAtt", List.of(BUCKET, "Arn"));

        assertEquals(Map.of(object, Set.of("s3:GetObject"), bucket, Set.of("s3:ListBucket")), grants(function));
        assertEquals(Map.of(object, Set.of("s3:GetObject", "s3:PutObject"), bucket, Set.of("s3:ListBucket")),
                grants(ingest));
    }

    /** Both functions find the index where the other puts it: the stack's bucket, one fixed key. */
    @Test
    void bothFunctionsUseTheIndexInTheStacksBucket() {
        String location = "s3://${" + BUCKET + "}/" + indexKey();
        for (String name : List.of(FUNCTION, INGEST)) {
            assertEquals(Map.of("Fn::Sub", location), template.environment(name).get(environmentName("search.index.location")),
                    name + " reads the index from the stack's bucket");
        }
        assertEquals(Map.of("Fn::Sub", location), template.output("IndexLocation").get("Value"));
        assertEquals("AWS::S3::Bucket", template.resource(BUCKET).get("Type"));
    }

    @Test
    void indexBucketIsPrivateEncryptedWithoutAclsAndTlsOnly() {
        Map<String, Object> bucket = template.resource(BUCKET);

        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), template.map(bucket, "PublicAccessBlockConfiguration"));
        Object encryption = template.map(bucket, "BucketEncryption").get("ServerSideEncryptionConfiguration");
        assertTrue(Template.mentions(encryption, Map.of("SSEAlgorithm", "AES256"))
                || Template.mentions(encryption, Map.of("SSEAlgorithm", "aws:kms")), "encrypted: " + encryption);
        assertEquals(List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")),
                template.map(bucket, "OwnershipControls").get("Rules"));

        Map<String, Object> policy = template.resources().values().stream().map(Template::asMap)
                .filter(resource -> "AWS::S3::BucketPolicy".equals(resource.get("Type"))
                        && Map.of("Ref", BUCKET).equals(template.properties(resource).get("Bucket")))
                .findFirst().orElseThrow(() -> new AssertionError("no policy on " + BUCKET));
        List<?> statements = (List<?>) template.map(policy, "PolicyDocument").get("Statement");
        assertTrue(statements.stream().map(Template::asMap).anyMatch(statement -> "Deny".equals(statement.get("Effect"))
                && "*".equals(statement.get("Principal")) && "s3:*".equals(statement.get("Action"))
                && Template.mentions(statement.get("Resource"), Map.of("Fn::Sub", "${" + BUCKET + ".Arn}/*"))
                && Template.mentions(statement.get("Resource"), Map.of("Fn::GetAtt", List.of(BUCKET, "Arn")))
                && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(statement.get("Condition"))),
                "every request without TLS is denied: " + statements);
    }

    @Test
    void ingestHandlerIsIngestFunctionWithAStreamHandlerMethod() throws Exception {
        String[] handler = template.string(ingest, "Handler").split("::");
        assertEquals(2, handler.length, "Handler is class::method");

        Class<?> handlerClass = Class.forName(handler[0], false, getClass().getClassLoader());

        assertEquals(IngestFunction.class, handlerClass);
        assertNotNull(handlerClass.getMethod(handler[1], InputStream.class, OutputStream.class, Context.class));
        assertFalse(RequestStreamHandler.class.isAssignableFrom(handlerClass), handler[0] + " is no RequestStreamHandler");
        assertNotNull(handlerClass.getConstructor(), "Lambda makes it with its public no-argument constructor");
    }

    /** The same function.zip: the ingest reads the same configuration and writes what the search function reads. */
    @Test
    void ingestRunsTheSamePackageRuntimeAndArchitectureAsTheSearchFunction() {
        for (String key : List.of("CodeUri", "Runtime", "Architectures")) {
            assertEquals(template.property(function, key), template.property(ingest, key), key);
        }
    }

    /**
     * The ingest runs as long as Lambda allows, and the time it keeps back for writing and uploading the index
     * (IngestFunction.PUBLISH_MARGIN) is a small part of it; no SnapStart (it starts once per run of minutes), no alias
     * and no API.
     */
    @Test
    void ingestRunsUpToLambdasLimitWithRoomToPublish() throws Exception {
        Duration timeout = Duration.ofSeconds(((Number) template.property(ingest, "Timeout")).longValue());
        Field margin = IngestFunction.class.getDeclaredField("PUBLISH_MARGIN");
        margin.setAccessible(true);

        assertEquals(LAMBDA_LIMIT, timeout);
        assertTrue(timeout.compareTo(((Duration) margin.get(null)).multipliedBy(5)) >= 0,
                timeout + " leaves most of the run for fetching, after " + margin.get(null) + " for publishing");
        Map<String, Object> properties = template.properties(ingest);
        assertFalse(properties.containsKey("SnapStart"), "no SnapStart");
        assertFalse(properties.containsKey("AutoPublishAlias"), "no alias");
        assertEquals(Set.of("ScheduleV2"), template.map(ingest, "Events").values().stream()
                .map(event -> Template.asMap(event).get("Type")).collect(Collectors.toSet()), "no API");
    }

    /**
     * One parameter is the ingest's period and every instance's refresh (search.index.refresh): the schedule's rate,
     * the variable of both functions, and the alarms' periods (a mapping, since CloudFormation cannot multiply).
     */
    @Test
    void ingestRunsEveryRefreshWithoutRetries() {
        Map<String, Object> schedules = template.map(ingest, "Events");
        assertEquals(1, schedules.size(), "one schedule: " + schedules.keySet());
        Map<String, Object> schedule = Template.asMap(Template.asMap(schedules.values().iterator().next()).get("Properties"));
        String parameter = "IndexRefreshMinutes";

        assertEquals(Map.of("Fn::Sub", "rate(${" + parameter + "} minutes)"), schedule.get("ScheduleExpression"));
        for (String name : List.of(FUNCTION, INGEST)) {
            assertEquals(Map.of("Fn::Sub", "${" + parameter + "}m"),
                    template.environment(name).get(environmentName("search.index.refresh")), name + "'s refresh");
        }
        assertEquals(DurationConverter.parseDuration(declaredSettings().get("search.index.refresh")),
                Duration.ofMinutes(((Number) template.parameter(parameter).get("Default")).longValue()));
        // A failed run is not tried again, by the scheduler nor by Lambda's own retries of an asynchronous invocation:
        // the next run starts from the last published index.
        assertEquals(0, Template.asMap(schedule.get("RetryPolicy")).get("MaximumRetryAttempts"));
        assertEquals(0, template.map(ingest, "EventInvokeConfig").get("MaximumRetryAttempts"));

        Map<String, Object> periods = template.mapping("RefreshPeriod");
        List<?> allowed = (List<?>) template.parameter(parameter).get("AllowedValues");
        assertEquals(allowed.stream().map(String::valueOf).collect(Collectors.toSet()), periods.keySet());
        for (Object minutes : allowed) {
            Duration period = Duration.ofMinutes(((Number) minutes).longValue());
            Map<String, Object> seconds = Template.asMap(periods.get(String.valueOf(minutes)));
            assertEquals(period.toSeconds(), ((Number) seconds.get("Seconds")).longValue(), minutes + " minutes");
            assertEquals(period.multipliedBy(2).toSeconds(), ((Number) seconds.get("TwiceSeconds")).longValue());
            // A run ends within the timeout, so two scheduled runs never publish over each other.
            assertTrue(period.compareTo(LAMBDA_LIMIT) >= 0, minutes + " minutes leave a run its whole timeout");
        }
    }

    @Test
    void alarmsFireOnAnIndexNoRunConfirmedInTwoRefreshesAndOnTwoFailedRunsInARow() {
        Map<String, Object> age = template.properties(template.resource("IndexAgeAlarm"));
        List<Map<String, Object>> queries = ((List<?>) age.get("Metrics")).stream().map(Template::asMap).toList();
        Map<String, Object> confirmed = queries.stream().filter(query -> Boolean.TRUE.equals(query.get("ReturnData")))
                .findFirst().orElseThrow();
        assertEquals("runs - failures", confirmed.get("Expression"));
        for (String id : List.of("runs", "failures")) {
            Map<String, Object> stat = Template.asMap(queries.stream().filter(query -> id.equals(query.get("Id")))
                    .findFirst().orElseThrow().get("MetricStat"));
            assertEquals(id.equals("runs") ? "IngestRuns" : "IngestFailures",
                    Template.asMap(stat.get("Metric")).get("MetricName"));
            assertEquals("Sum", stat.get("Stat"));
            assertEquals(refreshPeriod("TwiceSeconds"), stat.get("Period"));
        }
        assertEquals("LessThanThreshold", age.get("ComparisonOperator"));
        assertEquals(1, age.get("Threshold"));
        // No run at all in twice the refresh is the worst case, not a gap to ignore.
        assertEquals("breaching", age.get("TreatMissingData"));

        Map<String, Object> failing = template.properties(template.resource("IngestFailingAlarm"));
        assertEquals("AWS/Lambda", failing.get("Namespace"));
        assertEquals("Errors", failing.get("MetricName"));
        assertEquals(List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", INGEST))), failing.get("Dimensions"));
        assertEquals(refreshPeriod("Seconds"), failing.get("Period"));
        assertEquals(2, failing.get("EvaluationPeriods"));
        assertEquals(1, failing.get("Threshold"));
        assertEquals("GreaterThanOrEqualToThreshold", failing.get("ComparisonOperator"));
        for (Map<String, Object> alarm : List.of(age, failing)) {
            assertTrue(Template.mentions(alarm.get("AlarmActions"), Map.of("Ref", "AlarmTopic")), "notifies AlarmEmail");
        }
    }

    /**
     * The dashboard and the alarms name metrics by string: each must be one the function writes
     * ({@link SearchMetrics.Metric}), in its namespace, or it would show nothing and never fire.
     */
    @Test
    void everyMetricTheDashboardAndAlarmsNameIsOneTheFunctionWrites() throws IOException {
        String text = Files.readString(Path.of("deploy", "template.yaml"));
        Set<String> written = Stream.of(SearchMetrics.Metric.values()).map(metric -> metric.metricName)
                .collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        Set<String> lambda = new TreeSet<>();
        template.resources().values().stream().map(Template::asMap)
                .filter(resource -> "AWS::CloudWatch::Alarm".equals(resource.get("Type")))
                .forEach(alarm -> metricsOf(template.properties(alarm)).forEach((metric, namespace) ->
                        (namespace.equals("AWS/Lambda") ? lambda : named).add(metric)));
        for (Pattern reference : List.of(Pattern.compile("MetricName=\\\\\"(\\w+)"),
                Pattern.compile("\"" + SearchMetrics.NAMESPACE + "\", \"(\\w+)\""))) {
            Matcher found = reference.matcher(text);
            while (found.find()) {
                named.add(found.group(1));
            }
        }
        // Lambda's own metrics of the ingest, which also count the runs that end before they can write a record.
        Matcher ofLambda = Pattern.compile("\"AWS/Lambda\", \"(\\w+)\", \"FunctionName\", \"\\$\\{" + INGEST + "}\"")
                .matcher(text);
        while (ofLambda.find()) {
            lambda.add(ofLambda.group(1));
        }
        assertTrue(named.containsAll(Set.of("Searches", "ServerErrors", "SearchLatency", "SourceSuspensions",
                "SourceLatency", "IndexAge", "IngestRuns", "IngestFailures", "IngestDuration", "FeedsRead", "FilesRead",
                "IndexBytes", "IndexDocuments")), "the template's references were all found: " + named);
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(written);
        assertEquals(Set.of(), unknown, "named by the template, never written by the function");
        assertTrue(LAMBDA_METRICS.containsAll(lambda) && !lambda.isEmpty(), "Lambda's metrics: " + lambda);
        assertEquals(Pattern.compile("AWS/Lambda").matcher(text).results().count(),
                Pattern.compile("\"AWS/Lambda\", \"\\w+\", \"FunctionName\", \"\\$\\{" + INGEST + "}\"|Namespace: AWS/Lambda")
                        .matcher(text).results().count(), "every metric of Lambda's is the ingest's");
        Matcher namespace = Pattern.compile("Namespace: (\\S+)").matcher(text);
        while (namespace.find()) {
            assertTrue(Set.of(SearchMetrics.NAMESPACE, "AWS/Lambda").contains(namespace.group(1)), namespace.group(1));
        }
    }

    /** The metrics an alarm reads, by name, with their namespaces: its own, or those of its metric math. */
    private static Map<String, String> metricsOf(Map<String, Object> alarm) {
        Map<String, String> metrics = new TreeMap<>();
        if (alarm.containsKey("MetricName")) {
            metrics.put((String) alarm.get("MetricName"), (String) alarm.get("Namespace"));
        }
        for (Object query : (List<?>) alarm.getOrDefault("Metrics", List.of())) {
            Object stat = Template.asMap(query).get("MetricStat");
            if (stat != null) {
                Map<String, Object> metric = Template.asMap(Template.asMap(stat).get("Metric"));
                metrics.put((String) metric.get("MetricName"), (String) metric.get("Namespace"));
            }
        }
        return metrics;
    }

    @Test
    void functionUrlIsOffByDefaultAndIamOnly() {
        Map<String, Object> url = template.resource("SearchFunctionUrl");
        Object condition = template.condition((String) url.get("Condition"));
        @SuppressWarnings("unchecked")
        List<Object> equals = (List<Object>) Template.asMap(condition).get("Fn::Equals");
        String switchParameter = (String) Template.asMap(equals.get(0)).get("Ref");

        assertEquals("AWS_IAM", template.properties(url).get("AuthType"));
        assertEquals("true", equals.get(1));
        assertEquals("false", template.parameter(switchParameter).get("Default"));
        assertEquals(url.get("Condition"), template.output("FunctionUrl").get("Condition"));
    }

    private static Map<String, Object> environment() {
        return template.environment(FUNCTION);
    }

    /** The index's object key, from the search function's policy: the one object the bucket holds. */
    private static String indexKey() {
        Matcher arn = Pattern.compile("\\$\\{" + BUCKET + "\\.Arn}/([\\w.-]+(/[\\w.-]+)*)")
                .matcher(String.valueOf(template.property(function, "Policies")));
        assertTrue(arn.find(), "the search function's policy names an object of " + BUCKET);
        return arn.group(1);
    }

    /** The template's statements for a function, as resource to actions; each must allow, without condition. */
    private static Map<Object, Set<String>> grants(Map<String, Object> function) {
        assertFalse(template.properties(function).containsKey("Role"), "SAM's role, with basic execution rights");
        Map<Object, Set<String>> grants = new HashMap<>();
        for (Object policy : (List<?>) template.property(function, "Policies")) {
            for (Object item : (List<?>) Template.asMap(policy).get("Statement")) {
                Map<String, Object> statement = Template.asMap(item);
                assertEquals(Set.of("Effect", "Action", "Resource"), statement.keySet(), "no condition: " + statement);
                assertEquals("Allow", statement.get("Effect"));
                Object actions = statement.get("Action");
                grants.computeIfAbsent(statement.get("Resource"), resource -> new TreeSet<>())
                        .addAll(actions instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                                : List.of((String) actions));
            }
        }
        return grants;
    }

    /** A value of the RefreshPeriod mapping for the IndexRefreshMinutes deployed. */
    private static Map<String, Object> refreshPeriod(String value) {
        return Map.of("Fn::FindInMap", List.of("RefreshPeriod", Map.of("Ref", "IndexRefreshMinutes"), value));
    }

    /**
     * Every setting SearchConfig declares outside the per-source map, as property name to its default (null without):
     * the template may set these too, though application.properties leaves them to their defaults.
     */
    private static Map<String, String> declaredSettings() {
        Map<String, String> settings = new TreeMap<>();
        declare(SearchConfig.class, SearchConfig.class.getAnnotation(ConfigMapping.class).prefix(), settings);
        return settings;
    }

    private static void declare(Class<?> group, String prefix, Map<String, String> settings) {
        for (Method setting : group.getMethods()) {
            if (setting.isDefault() || Modifier.isStatic(setting.getModifiers()) || setting.getParameterCount() > 0) {
                continue;
            }
            String name = prefix + "." + setting.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            Class<?> type = setting.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == SearchConfig.class) {
                declare(type, name, settings);
            } else if (!Map.class.isAssignableFrom(type)) {
                WithDefault fallback = setting.getAnnotation(WithDefault.class);
                settings.put(name, fallback == null ? null : fallback.value());
            }
        }
    }

    private static Duration functionTimeout() {
        return Duration.ofSeconds(((Number) template.property(function, "Timeout")).longValue());
    }

    /** application.properties' value when it sets one, else SearchConfig's own default. */
    private static Duration defaultSearchTimeout() {
        String prefix = SearchConfig.class.getAnnotation(ConfigMapping.class).prefix();
        String configured = application.get(prefix + ".timeout");
        if (configured != null) {
            return DurationConverter.parseDuration(configured);
        }
        try {
            WithDefault fallback = SearchConfig.class.getMethod("timeout").getAnnotation(WithDefault.class);
            return DurationConverter.parseDuration(fallback.value());
        } catch (NoSuchMethodException e) {
            throw new AssertionError("SearchConfig has no timeout()", e);
        }
    }

    /** The Java release the build compiled for, read from a class file's major version. */
    private static int compiledRelease() throws IOException {
        try (DataInputStream in = new DataInputStream(
                Files.newInputStream(mainClasses.resolve(SearchConfig.class.getName().replace('.', '/') + ".class")))) {
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            return in.readUnsignedShort() - 44;
        }
    }

    private static Map<String, String> productionProperties(Path file) throws IOException {
        Properties all = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            all.load(reader);
        }
        Map<String, String> production = new TreeMap<>();
        all.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .forEach(key -> production.put(key, all.getProperty(key)));
        all.stringPropertyNames().stream()
                .filter(key -> key.startsWith("%")
                        && List.of(key.substring(1, key.indexOf('.')).split(",")).contains("prod"))
                .forEach(key -> production.put(key.substring(key.indexOf('.') + 1), all.getProperty(key)));
        return production;
    }

    /** Variable to property, for every property application.properties sets or SearchConfig declares. */
    private static Map<String, String> propertyByVariable() {
        Set<String> properties = new TreeSet<>(application.keySet());
        properties.addAll(declaredSettings().keySet());
        return properties.stream().collect(Collectors.toMap(TemplateTest::environmentName, key -> key));
    }

    /** SmallRye Config's rule: upper case, and every character that is not a letter or digit becomes '_'. */
    private static String environmentName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
