package dev.podcastsearch.invoke;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A search invoked by another app (issue 24): the event is a search request, a JSON object with a string {@code q} and
 * any of the other parameters of {@code GET /search} with their natural JSON types ({@code "limit": 10},
 * {@code "partial": true}), and no member of an HTTP event's ({@code version}, {@code rawPath}, {@code httpMethod},
 * {@code requestContext}). It is served as {@code GET /search} with those parameters, by the same resource with the
 * same rules and defaults; the result is the search answer itself, and a search without one is a {@link SearchError}.
 */
public final class SearchInvocation {

    private static final List<String> PARAMETERS = List.of("q", "category", "partial", "limit", "offset",
            "published_after", "published_before", "min_duration", "max_duration", "sources", "sort", "explain");
    private static final List<String> HTTP_MEMBERS = List.of("version", "rawPath", "httpMethod", "requestContext");

    private SearchInvocation() {
    }

    public static boolean isSearchRequest(JsonNode event) {
        return event.path("q").isTextual() && HTTP_MEMBERS.stream().noneMatch(event::has);
    }

    /** The answer as a JSON tree; a search without one is thrown as its {@link SearchError}. */
    public static JsonNode answer(JsonNode request, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http,
            ObjectMapper json) throws JacksonException {
        APIGatewayV2HTTPResponse response = http.apply(asGetSearch(request));
        JsonNode body = json.readTree(response.getBody());
        if (response.getStatusCode() == 200) {
            return body;
        }
        throw SearchError.of(body.path("type").asText().replace("urn:podcast-search:problem:", ""), body.toString());
    }

    /** Numbers and booleans as their JSON text; any other type as its JSON too, which the parameter's rule refuses. */
    private static APIGatewayV2HTTPEvent asGetSearch(JsonNode request) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRawPath("/search");
        event.setRawQueryString(PARAMETERS.stream().filter(request::has)
                .map(name -> name + "=" + URLEncoder.encode(request.get(name).isTextual() ? request.get(name).asText()
                        : request.get(name).toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        event.setHeaders(Map.of("accept", "application/json", "host", "localhost"));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http method = new APIGatewayV2HTTPEvent.RequestContext.Http();
        method.setMethod("GET");
        context.setHttp(method);
        event.setRequestContext(context);
        return event;
    }
}
