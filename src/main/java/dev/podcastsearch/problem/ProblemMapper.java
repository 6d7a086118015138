package dev.podcastsearch.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.podcastsearch.search.InvalidParameter;
import dev.podcastsearch.search.SearchTimeout;
import dev.podcastsearch.source.SourceFailure;

/** Turns every failure into {@code application/problem+json}, so no caller ever sees a stack trace. */
public class ProblemMapper {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<Problem> invalidParameter(InvalidParameter e) {
        return answer(new Problem(Problem.type("invalid-parameter"), "Invalid request parameter", 400,
                e.getMessage(), e.parameter(), null, null, null)).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> sourceFailed(SourceFailure e) {
        LOG.warnf("source %s failed: %s", e.sourceId(), e.reason());
        String detail = "Source '" + e.sourceId() + "' failed: " + e.reason()
                + ". The search was stopped and the other sources cancelled.";
        return answer(new Problem(Problem.type("source-failure"), "A podcast source failed", 502,
                detail, null, e.sourceId(), e.reason(), null)).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> timedOut(SearchTimeout e) {
        LOG.warnf("search timed out after %d ms waiting for %s", e.timeout().toMillis(), e.pendingSources());
        String detail = "No complete answer within " + e.timeout().toMillis() + " ms; still waiting for "
                + String.join(", ", e.pendingSources()) + ", which were cancelled.";
        return answer(new Problem(Problem.type("timeout"), "The search took too long", 504,
                detail, null, null, null, e.pendingSources())).build();
    }

    /** What the framework rejects before our code runs: unknown paths, other methods, unreadable requests. */
    @ServerExceptionMapper
    public RestResponse<Problem> rejected(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        String detail = switch (status) {
            case 404 -> "Nothing is here. The search is GET /search?q=<text>.";
            case 405 -> "This path allows only " + allow + ".";
            default -> "The request could not be handled as sent.";
        };
        RestResponse.ResponseBuilder<Problem> answer = answer(
                Problem.of("http-" + status, original.getStatusInfo().getReasonPhrase(), status, detail));
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return answer(Problem.of("internal", "Internal error", 500,
                "The search failed unexpectedly; the failure has been logged.")).build();
    }

    private static RestResponse.ResponseBuilder<Problem> answer(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem> create(problem.status()).entity(problem).type(PROBLEM_JSON);
    }
}
