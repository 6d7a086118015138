package dev.podcastsearch.problem;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.search.GroupFailed;
import dev.podcastsearch.search.InvalidParameter;
import dev.podcastsearch.search.NoSourceAnswered;
import dev.podcastsearch.search.RequestTarget;
import dev.podcastsearch.search.SearchResource;
import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.search.SearchTimeout;
import dev.podcastsearch.search.SourcesSuspended;
import dev.podcastsearch.search.UnansweredSearch;
import dev.podcastsearch.source.SourceFailure;

/** Turns every failure into {@code application/problem+json}, so no caller ever sees a stack trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<Problem> invalidParameter(InvalidParameter e) {
        return answer(new Problem(Problem.type("invalid-parameter"), "Invalid request parameter", 400,
                e.getMessage(), e.parameter(), null, null, null, null)).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> groupFailed(GroupFailed e) {
        SourceFailure failure = e.failure();
        LOG.warnf("source %s failed: %s", failure.sourceId(), failure.reason());
        String detail = "Source '" + failure.sourceId() + "' failed: " + failure.reason()
                + ". The search was stopped and the other sources cancelled.";
        return answer(new Problem(Problem.type("source-failure"), "A podcast source failed", 502,
                detail, null, failure.sourceId(), failure.reason(), null, sources(e))).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> timedOut(SearchTimeout e) {
        LOG.warnf("search timed out after %d ms waiting for %s", e.timeout().toMillis(), e.pendingSources());
        String detail = "No complete answer within " + e.timeout().toMillis() + " ms; still waiting for "
                + String.join(", ", e.pendingSources()) + ", which were cancelled.";
        return answer(new Problem(Problem.type("timeout"), "The search took too long", 504,
                detail, null, null, null, e.pendingSources(), sources(e))).build();
    }

    /** Says when to ask again: the first suspension's end, in whole seconds. */
    @ServerExceptionMapper
    public RestResponse<Problem> suspended(SourcesSuspended e) {
        String first = e.suspendedSources().get(0);
        String reason = e.outcomes().stream().filter(outcome -> outcome.source().id().equals(first))
                .map(SourceOutcome::reason).findFirst().orElseThrow();
        long retryAfter = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        LOG.infof("search refused: %s suspended", e.suspendedSources());
        String detail = "Source" + (e.suspendedSources().size() > 1 ? "s " : " ")
                + e.suspendedSources().stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "))
                + " " + (e.suspendedSources().size() > 1 ? "are" : "is") + " suspended, so no source was called."
                + " Ask again in " + retryAfter + " s, or search with partial=true for the other sources' hits.";
        return answer(new Problem(Problem.type("source-suspended"), "A podcast source is suspended", 503,
                detail, null, first, reason, null, sources(e)))
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> noSourceAnswered(NoSourceAnswered e) {
        LOG.warnf("no source answered: %s", e.outcomes().stream()
                .map(outcome -> outcome.source().id() + " " + outcome.status()).collect(Collectors.joining(", ")));
        return answer(new Problem(Problem.type("no-source-answered"), "No podcast source answered", 502,
                "Every source failed, timed out or is suspended; see sources for each one's status and reason.",
                null, null, null, null, sources(e))).build();
    }

    /**
     * Another method on /search or on the page. RESTEasy Reactive's own 405 names no allowed methods, although a 405
     * must (RFC 9110); both resources allow the same methods, so every 405 names those, the same ones their automatic
     * OPTIONS answers list.
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

    private static List<SearchResponse.SourceSummary> sources(UnansweredSearch e) {
        return e.outcomes().stream().map(SearchResponse.SourceSummary::of).toList();
    }

    /** A problem is about one request at one moment, so no cache may keep it. */
    private static RestResponse.ResponseBuilder<Problem> answer(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem> create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
