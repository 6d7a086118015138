package dev.podcastsearch.lambda;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.podcastsearch.page.SearchPage;

/**
 * Looks at the response Quarkus wrote for an event: an error status must come with a problem document. The function's
 * own failures always do (ProblemMapper); what Quarkus's HTTP layer answers by itself before any resource runs (its
 * error page, a body-less 400 or 404) does not, and is replaced by a problem of the same status. The front's checks
 * keep every such answer known to this day from happening; this is the guarantee for the ones not known yet.
 * <p>
 * The one other error answer passed on is the search page's own (a refused input, no source answered): HTML with the
 * page's Content-Security-Policy, which no error page of Quarkus's carries.
 */
final class AnswerShape {

    private static final JsonFactory JSON = new JsonFactory();

    private AnswerShape() {
    }

    /** The problem to answer instead; null when the response is fine as it is. */
    static Refusal replacementFor(byte[] response) {
        try (JsonParser json = JSON.createParser(response)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return serverError();
            }
            int status = -1;
            String contentType = null;
            String policy = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (name.equals("statusCode") && value == JsonToken.VALUE_NUMBER_INT) {
                    status = json.getIntValue();
                    if (status < 400) {
                        // Quarkus writes statusCode first: a success is passed on after reading one number.
                        return null;
                    }
                } else if ((name.equals("headers") || name.equals("multiValueHeaders")) && value == JsonToken.START_OBJECT) {
                    String[] found = contentTypeAndPolicy(json);
                    contentType = contentType == null ? found[0] : contentType;
                    policy = policy == null ? found[1] : policy;
                } else {
                    json.skipChildren();
                }
            }
            if (status < 0) {
                return serverError();
            }
            if (status < 400 || contentType != null
                    && contentType.toLowerCase(Locale.ROOT).startsWith(ProxyAnswer.PROBLEM_JSON)) {
                return null;
            }
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")
                    && SearchPage.CONTENT_SECURITY_POLICY.equals(policy)) {
                return null;
            }
            return new Refusal(status, "http-" + status, ProxyAnswer.reason(status),
                    status < 500 ? "The request could not be handled as sent. The search is GET /search?q=<text>."
                            : "The search failed unexpectedly; the failure has been logged.");
        } catch (IOException e) {
            return serverError();
        }
    }

    /** The first Content-Type and Content-Security-Policy values of a headers object; null for one not there. */
    private static String[] contentTypeAndPolicy(JsonParser json) throws IOException {
        String[] found = new String[2];
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            int slot = name.equalsIgnoreCase("content-type") ? 0 : name.equalsIgnoreCase("content-security-policy") ? 1 : -1;
            JsonToken value = json.nextToken();
            if (slot >= 0 && value == JsonToken.VALUE_STRING) {
                found[slot] = json.getText();
            } else if (slot >= 0 && value == JsonToken.START_ARRAY) {
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    if (found[slot] == null && json.currentToken() == JsonToken.VALUE_STRING) {
                        found[slot] = json.getText();
                    }
                    json.skipChildren();
                }
            } else {
                json.skipChildren();
            }
        }
        return found;
    }

    private static Refusal serverError() {
        return new Refusal(500, "internal", "Internal error", "The search failed unexpectedly; the failure has been logged.");
    }
}
