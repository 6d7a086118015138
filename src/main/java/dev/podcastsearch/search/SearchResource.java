package dev.podcastsearch.search;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import dev.podcastsearch.problem.Problem;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/search")
public class SearchResource {

    /** What /search answers: GET, and HEAD (GET without a body) and OPTIONS, which JAX-RS adds by itself. */
    public static final List<String> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** RFC 3339: a full date, or a date-time with seconds and an offset. */
    private static final String DATE_OR_DATE_TIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
            + "(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2}))?$";

    private final SearchService searchService;

    SearchResource(SearchService searchService) {
        this.searchService = searchService;
    }

    /**
     * The OpenAPI document is built from the annotations here and the records' schemas; the parameters are declared
     * by hand, as they are read from the raw query rather than as method parameters. The contract tests hold both
     * sides to it.
     * The query string is read raw, by {@link QueryParameters}, not as {@code @RestQuery} parameters: see there why.
     * The Accept header's q-values are checked here ({@link AcceptHeader}), as RESTEasy Reactive ignores them.
     * Parameters other than those declared here are ignored, as links with tracking parameters expect.
     * A complete result may be cached for a minute: it changes only when an episode is published, and every caller
     * gets the same. A partial one says only how the sources did at this moment, so no cache may keep it.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "search", summary = "Search every podcast source at once",
            description = "Asks every source at once and answers one unified list of hits, merged by reciprocal rank"
                    + " fusion. In group mode (the default) every source must answer: the first failure ends the"
                    + " search and cancels the others. With partial=true the sources that answered are enough, and the"
                    + " others are named. A source that is not chosen (sources), or cannot apply a filter given, is"
                    + " skipped: not asked, and named with status skipped.")
    @Parameter(name = "q", in = ParameterIn.QUERY, required = true, description = "The search text, given once;"
            + " trimmed; 1 to 200 characters (code points), no control characters, percent-encoded UTF-8.",
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200), example = "pydantic")
    @Parameter(name = "category", in = ParameterIn.QUERY, description = "Which hits to keep, given once: episode,"
            + " transcript, chapter or all, in ASCII letters of any case.", example = "episode",
            schema = @Schema(type = SchemaType.STRING, defaultValue = "episode", pattern = "^([Ee][Pp][Ii][Ss][Oo]"
                    + "[Dd][Ee]|[Tt][Rr][Aa][Nn][Ss][Cc][Rr][Ii][Pp][Tt]|[Cc][Hh][Aa][Pp][Tt][Ee][Rr]|[Aa][Ll][Ll])$"))
    @Parameter(name = "partial", in = ParameterIn.QUERY, description = "false: every source must answer, and the"
            + " first failure fails the search; true: the sources that answered, the others named. Given once, in any"
            + " ASCII case.", example = "true", schema = @Schema(type = SchemaType.STRING, defaultValue = "false",
                    pattern = "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "How many merged hits to answer with, in"
            + " ASCII digits, given once.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100",
                    defaultValue = "50"))
    @Parameter(name = "offset", in = ParameterIn.QUERY, description = "How many merged hits to skip first, in ASCII"
            + " digits, given once. Past the end, results is empty and total still counts.",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "1000", defaultValue = "0"))
    @Parameter(name = "published_after", in = ParameterIn.QUERY, description = "Only episodes published at or after"
            + " this moment: an RFC 3339 date (from that day's start, UTC), 2024-01-31, or date-time with an offset,"
            + " 2024-01-31T18:30:00Z; given once. Hits without a date never pass; sources whose hits have none (the"
            + " search APIs) are skipped.",
            schema = @Schema(type = SchemaType.STRING, pattern = DATE_OR_DATE_TIME))
    @Parameter(name = "published_before", in = ParameterIn.QUERY, description = "Only episodes published before this"
            + " moment: an RFC 3339 date (up to that day's end, UTC: the day is included) or date-time with an offset"
            + " (not included), given once; later than published_after. Hits without a date never pass; sources whose"
            + " hits have none (the search APIs) are skipped.",
            schema = @Schema(type = SchemaType.STRING, pattern = DATE_OR_DATE_TIME))
    @Parameter(name = "min_duration", in = ParameterIn.QUERY, description = "Only episodes at least this many seconds"
            + " long, in ASCII digits, given once. Hits without a duration never pass; sources whose hits have none"
            + " (the search APIs) are skipped.", example = "600",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "86400"))
    @Parameter(name = "max_duration", in = ParameterIn.QUERY, description = "Only episodes at most this many seconds"
            + " long, in ASCII digits, given once; not less than min_duration. Hits without a duration never pass;"
            + " sources whose hits have none (the search APIs) are skipped.", example = "3600",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "86400"))
    @Parameter(name = "sources", in = ParameterIn.QUERY, description = "The sources to ask, by id (as in"
            + " sources[].id), comma-separated, given once; every source when not given. An id that is no source's,"
            + " or an empty list, is refused; an id given twice counts once. The others are skipped.",
            example = "talkpython,pythonbytes", schema = @Schema(type = SchemaType.STRING, minLength = 1))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "relevance: by fused score; newest: newest"
            + " first, hits without a date last, ties by score. Given once, in ASCII letters of any case.",
            example = "newest", schema = @Schema(type = SchemaType.STRING, defaultValue = "relevance",
                    pattern = "^([Rr][Ee][Ll][Ee][Vv][Aa][Nn][Cc][Ee]|[Nn][Ee][Ww][Ee][Ss][Tt])$"))
    @Parameter(name = "explain", in = ParameterIn.QUERY, description = "true: each hit also has its fused score and"
            + " its rank at each source that lists it. Given once, in any ASCII case.", example = "true",
            schema = @Schema(type = SchemaType.STRING, defaultValue = "false",
                    pattern = "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"))
    @APIResponse(responseCode = "200", description = "The unified answer; complete is false when a partial search"
            + " answers without some source.",
            headers = {
                    @Header(name = "Cache-Control", description = "max-age=60 when complete, otherwise no-store",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Server-Timing", description = "Each source's call, then the total",
                            schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SearchResponse.class),
                    examples = @ExampleObject(name = "answer", value = ApiExamples.ANSWER)))
    @APIResponse(responseCode = "400", description = "A parameter breaks its rule (sources: names no source there"
            + " is); no source is called.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-parameter", value = ApiExamples.INVALID_PARAMETER)))
    @APIResponse(responseCode = "404", description = "Nothing is at this path.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "405", description = "A method other than GET, HEAD or OPTIONS.",
            headers = @Header(name = "Allow", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "method-not-allowed", value = ApiExamples.METHOD_NOT_ALLOWED)))
    @APIResponse(responseCode = "406", description = "The Accept header excludes application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-acceptable", value = ApiExamples.NOT_ACCEPTABLE)))
    @APIResponse(responseCode = "502", description = "Group mode: a source failed, and the others were cancelled."
            + " Partial mode: no source answered.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "source-failure", value = ApiExamples.SOURCE_FAILURE)))
    @APIResponse(responseCode = "503", description = "Group mode: a source is suspended, so none was called."
            + " Partial mode: every source is suspended.",
            headers = @Header(name = "Retry-After", description = "Seconds until asking again may be answered:"
                    + " group mode, when every suspension has ended; partial mode, when the first has",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "source-suspended", value = ApiExamples.SOURCE_SUSPENDED)))
    @APIResponse(responseCode = "504", description = "The deadline passed; the pending sources were cancelled.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "timeout", value = ApiExamples.TIMEOUT)))
    public Uni<RestResponse<SearchResponse>> search(@Context HttpServerRequest http) {
        AcceptHeader.requireJson(http.headers().getAll(HttpHeaders.ACCEPT));
        SearchRequest request = SearchRequest.of(QueryParameters.parse(http.query()), searchService.sourceIds());
        return searchService.search(request)
                .map(response -> RestResponse.ResponseBuilder.ok(response)
                        .header(HttpHeaders.CACHE_CONTROL, response.complete() ? "max-age=60" : "no-store")
                        .build());
    }
}
