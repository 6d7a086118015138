package dev.podcastsearch.invoke;

/**
 * A search invoked directly ({@link SearchInvocation}) that ended without an answer, thrown out of the handler so that
 * Lambda reports a function error. Lambda's Java runtime names the error by the class ({@code errorType}, e.g.
 * {@code dev.podcastsearch.invoke.SearchError$InvalidParameter}): these names are part of the contract, one per kind,
 * for a Step Functions {@code Retry} or {@code Catch}. The message ({@code errorMessage}) is the problem document as
 * JSON. There is no stack trace: the runtime would send it to the caller.
 */
public class SearchError extends RuntimeException {

    SearchError(String problem) {
        super(problem, null, false, false);
    }

    /** The problem's type, {@code urn:podcast-search:problem:<kind>}, as the error to throw. */
    static SearchError of(String kind, String problem) {
        return switch (kind) {
            case "invalid-parameter" -> new InvalidParameter(problem);
            case "source-failure" -> new SourceFailed(problem);
            case "source-suspended" -> new SourcesSuspended(problem);
            case "timeout" -> new TimedOut(problem);
            case "no-source-answered" -> new NoSourceAnswered(problem);
            default -> new SearchError(problem);
        };
    }

    /** 400 over HTTP: a parameter breaks its rule; no source was called. Not worth a retry. */
    public static final class InvalidParameter extends SearchError {
        InvalidParameter(String problem) {
            super(problem);
        }
    }

    /** 502 over HTTP: group mode, a source failed and the others were cancelled. */
    public static final class SourceFailed extends SearchError {
        SourceFailed(String problem) {
            super(problem);
        }
    }

    /** 503 over HTTP: a source is suspended, so none was called; {@code retry_after} is not sent, see the detail. */
    public static final class SourcesSuspended extends SearchError {
        SourcesSuspended(String problem) {
            super(problem);
        }
    }

    /** 504 over HTTP: the search's deadline passed; the pending sources were cancelled. */
    public static final class TimedOut extends SearchError {
        TimedOut(String problem) {
            super(problem);
        }
    }

    /** 502 over HTTP: partial mode, and no source answered. */
    public static final class NoSourceAnswered extends SearchError {
        NoSourceAnswered(String problem) {
            super(problem);
        }
    }
}
