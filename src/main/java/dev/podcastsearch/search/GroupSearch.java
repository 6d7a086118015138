package dev.podcastsearch.search;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.health.Health;
import dev.podcastsearch.health.SourceCall;
import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.health.SourceStatus;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.Sources;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Searches every source at once as one group, in the manner of Python's {@code asyncio.TaskGroup}: the group
 * succeeds only if every source answers; the first failure, or the deadline, ends it and cancels the calls still in
 * flight, which aborts their HTTP requests. In partial mode a failing source no longer ends the group: the search
 * answers with the sources that did answer, and only the deadline cancels the calls still pending.
 * <p>
 * A suspended source is not called at all; in group mode that alone ends the search before any call is made. A source
 * the request does not ask ({@link SearchRequest#skipReason}) is skipped: never called, and never the reason a search
 * fails; when every source is skipped, the answer has no hits.
 */
@ApplicationScoped
public class GroupSearch {

    private static final String OTHER_FAILED = "cancelled: another source failed";
    private static final String OTHER_SUSPENDED = "not called: another source is suspended";
    private static final String CALLER_LEFT = "cancelled: the search was cancelled";
    private static final String SEARCH_ENDED = "cancelled: the search ended";

    private final Sources sources;
    private final Health health;
    private final Duration timeout;
    private final TypedGuard<Uni<List<SourceOutcome>>> deadline;

    GroupSearch(Sources sources, Health health, SearchConfig config) {
        this.sources = sources;
        this.health = health;
        this.timeout = config.timeout();
        this.deadline = TypedGuard.create(new TypeLiteral<Uni<List<SourceOutcome>>>() {
        })
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    /** Every source's outcome, in source id order, or the failure that ended the search. */
    public Uni<List<SourceOutcome>> search(SearchRequest request) {
        List<PodcastSource> searched = sources.searched();
        // Moments only for a category that shows them: the default, episode, never does.
        Query query = new Query(request.text(), request.category() != Category.EPISODE);
        // Deferred: a source's permission is taken only when the search really starts, and always given back.
        // A skipped source takes none at all.
        return Uni.createFrom().deferred(() -> {
            List<SourceCall> calls = searched.stream().map(source -> request.skipReason(source)
                    .map(reason -> SourceCall.skipped(source, reason)).orElseGet(() -> health.start(source))).toList();
            Uni<List<SourceOutcome>> search = request.partial() ? partial(calls, query) : group(calls, query);
            // However the search ends, a call that has not settled yet is settled now, so that no permission is kept.
            return search.onTermination().invoke((outcomes, failure, cancelled) -> calls.forEach(
                    call -> call.cancelled(cancelled ? CALLER_LEFT : SEARCH_ENDED)));
        });
    }

    /**
     * One source's call, settled however it ends: answered, or failed with whatever it failed with (a failure that is
     * no {@code SourceFailure}, a bug, becomes one). Deferred, so that a source that throws instead of failing its
     * {@code Uni} fails only its own call. A source not to be called (skipped, or in partial mode suspended) is its
     * outcome already.
     */
    private static Uni<SourceOutcome> call(SourceCall call, Query query) {
        if (!call.isCalled()) {
            return Uni.createFrom().item(call.outcome());
        }
        return Uni.createFrom().deferred(() -> call.source().search(query.text(), query.moments()))
                .map(call::answered)
                .onFailure().transform(call::failed);
    }

    private Uni<List<SourceOutcome>> group(List<SourceCall> calls, Query query) {
        if (calls.stream().anyMatch(SourceCall::isSuspended)) {
            calls.forEach(call -> call.cancelled(OTHER_SUSPENDED));
            return Uni.createFrom().failure(new SourcesSuspended(outcomes(calls), false));
        }
        // Each call settles itself as it fails, before the join sees the failure and cancels the others.
        List<Uni<SourceOutcome>> members = calls.stream().map(call -> call(call, query)).toList();

        // join().andFailFast() cancels the other members on the first failure. combine().all() would too,
        // but its fail-fast path can stall under a race in the Mutiny version Quarkus 3.33 pins.
        Uni<List<SourceOutcome>> group = Uni.join().all(members).andFailFast()
                // The fault-tolerance timeout below fails the answer but never cancels what it guards;
                // this Mutiny timeout, inside the guard, is what cancels the pending calls.
                .ifNoItem().after(timeout).failWith(() -> timedOut(calls));

        return deadline.get(() -> group)
                .onFailure(TimeoutException.class).transform(e -> timedOut(calls))
                .onFailure(SourceFailure.class).transform(failure -> {
                    calls.forEach(call -> call.cancelled(OTHER_FAILED));
                    return new GroupFailed((SourceFailure) failure, outcomes(calls));
                });
    }

    private Uni<List<SourceOutcome>> partial(List<SourceCall> calls, Query query) {
        List<Uni<SourceOutcome>> members = calls.stream()
                .map(call -> call(call, query).onFailure().recoverWithItem(call::outcome))
                .toList();

        // As in group mode, the Mutiny timeout is what cancels the calls still pending; here it answers with the rest.
        Uni<List<SourceOutcome>> group = Uni.join().all(members).andFailFast()
                .ifNoItem().after(timeout).recoverWithItem(() -> timedOutPartially(calls));

        return deadline.get(() -> group)
                .onFailure(TimeoutException.class).recoverWithItem(() -> timedOutPartially(calls))
                .map(this::answeredByAny);
    }

    private SearchTimeout timedOut(List<SourceCall> calls) {
        return new SearchTimeout(timeout, timedOutPartially(calls));
    }

    private List<SourceOutcome> timedOutPartially(List<SourceCall> calls) {
        calls.forEach(call -> call.timedOut(timeout));
        return outcomes(calls);
    }

    /**
     * A partial answer needs one source that answered, unless none was to be asked; otherwise the outcomes of the
     * sources asked decide which problem it is.
     */
    private List<SourceOutcome> answeredByAny(List<SourceOutcome> outcomes) {
        List<SourceOutcome> asked = outcomes.stream().filter(outcome -> !outcome.skipped()).toList();
        if (asked.isEmpty() || asked.stream().anyMatch(SourceOutcome::answered)) {
            return outcomes;
        }
        if (asked.stream().allMatch(outcome -> outcome.status() == SourceStatus.SUSPENDED)) {
            throw new SourcesSuspended(outcomes, true);
        }
        if (asked.stream().allMatch(outcome -> outcome.status() == SourceStatus.TIMED_OUT)) {
            throw new SearchTimeout(timeout, outcomes);
        }
        throw new NoSourceAnswered(outcomes);
    }

    private static List<SourceOutcome> outcomes(List<SourceCall> calls) {
        return calls.stream().map(SourceCall::outcome).toList();
    }

    /** What each source is asked: the text, and whether the search shows moments. */
    private record Query(String text, boolean moments) {
    }
}
