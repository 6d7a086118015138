package dev.podcastsearch.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A problem written as the Lambda response that the event's integration expects, with the headers every problem of
 * this function carries: an HTTP API or function URL takes {@code statusCode}, {@code headers}, {@code body},
 * {@code isBase64Encoded}; a REST API the same; an ALB also {@code statusDescription}, and {@code multiValueHeaders}
 * instead of {@code headers} when its target group has multi-value headers on.
 */
final class ProxyAnswer {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", PROBLEM_JSON,
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store");
    private static final JsonFactory JSON = new JsonFactory();

    private ProxyAnswer() {
    }

    static byte[] of(Refusal problem, Integration integration, boolean multiValueHeaders) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeNumberField("statusCode", problem.status());
                if (integration == Integration.ALB) {
                    json.writeStringField("statusDescription", problem.status() + " " + reason(problem.status()));
                }
                if (integration == Integration.ALB && multiValueHeaders) {
                    json.writeObjectFieldStart("multiValueHeaders");
                    for (Map.Entry<String, String> header : HEADERS.entrySet()) {
                        json.writeArrayFieldStart(header.getKey());
                        json.writeString(header.getValue());
                        json.writeEndArray();
                    }
                } else {
                    json.writeObjectFieldStart("headers");
                    for (Map.Entry<String, String> header : HEADERS.entrySet()) {
                        json.writeStringField(header.getKey(), header.getValue());
                    }
                }
                json.writeEndObject();
                json.writeStringField("body", body(problem));
                json.writeBooleanField("isBase64Encoded", false);
                json.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into memory", e);
        }
    }

    private static String body(Refusal problem) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", problem.type());
            json.writeStringField("title", problem.title());
            json.writeNumberField("status", problem.status());
            json.writeStringField("detail", problem.detail());
            if (problem.parameter() != null) {
                json.writeStringField("parameter", problem.parameter());
            }
            json.writeEndObject();
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
