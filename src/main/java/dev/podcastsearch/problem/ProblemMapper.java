package dev.podcastsearch.problem;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.podcastsearch.search.InvalidParameter;
import dev.podcastsearch.search.RequestTarget;
import dev.podcastsearch.search.SearchResource;
import dev.podcastsearch.search.SearchTimeout;
import dev.podcastsearch.search.SourcesSuspended;
import dev.podcastsearch.search.UnansweredSearch;

/** Turns every failure into {@code application/problem+json}, so no caller ever sees a stack trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<Problem> invalidParameter(InvalidParameter e) {
        return answer(new Problem(Problem.type("invalid-parameter"), "Invalid request parameter", 400,
                e.getMessage(), e.parameter(), null, null, null, null)).build();
    }

    /**
     * A search without an answer, with the status and words it carries (the page shows the same), and when sources
     * are suspended, when to ask again.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> unanswered(UnansweredSearch e) {
        // A suspension is the function protecting itself, not a failure of this search.
        LOG.logf(e instanceof SourcesSuspended ? Logger.Level.INFO : Logger.Level.WARN, "search unanswered (%d): %s",
                e.status(), e.detail());
        RestResponse.ResponseBuilder<Problem> answer = answer(new Problem(Problem.type(e.kind()), e.title(), e.status(),
                e.detail(), null, e.source(), e.reason(),
                e instanceof SearchTimeout timeout ? timeout.pendingSources() : null, e.sources()));
        if (e instanceof SourcesSuspended suspended) {
            answer.header(HttpHeaders.RETRY_AFTER, suspended.retryAfterSeconds());
        }
        return answer.build();
    }

    /**
     * Another method on /search, its feed or the page. RESTEasy Reactive's own 405 names no allowed methods, although
     * a 405 must (RFC 9110); every resource allows the same methods, so every 405 names those, the same ones their
     * automatic OPTIONS answers list.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> methodNotAllowed(NotAllowedException e) {
        return answer(Problem.of("http-405", "Method Not Allowed", 405, "Only " + String.join(", ", SearchResource.METHODS)
                + " are allowed here. The search is GET /search?q=<text>."))
                .header(HttpHeaders.ALLOW, RequestTarget.ALLOW)
                .build();
    }

    /** What the framework rejects before our code runs: unknown paths, unacceptable media types. */
    @ServerExceptionMapper
    public RestResponse<Problem> rejected(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 404 -> "Nothing is here. The search is GET /search?q=<text>.";
            case 406 -> "The search answers application/json only (problems as application/problem+json).";
            default -> "The request could not be handled as sent.";
        };
        return answer(Problem.of("http-" + status.getStatusCode(), status.getReasonPhrase(), status.getStatusCode(),
                detail)).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return answer(Problem.of("internal", "Internal error", 500,
                "The search failed unexpectedly; the failure has been logged.")).build();
    }

    /** A problem is about one request at one moment, so no cache may keep it. */
    private static RestResponse.ResponseBuilder<Problem> answer(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem> create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
