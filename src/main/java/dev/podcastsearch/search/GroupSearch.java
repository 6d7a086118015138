package dev.podcastsearch.search;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceResult;
import dev.podcastsearch.source.Sources;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Searches every source at once as one group, in the manner of Python's {@code asyncio.TaskGroup}:
 * the group succeeds only if every source answers; the first failure, or the deadline, ends it and
 * cancels the calls still in flight, which aborts their HTTP requests.
 */
@ApplicationScoped
public class GroupSearch {

    private final Sources sources;
    private final Duration timeout;
    private final TypedGuard<Uni<List<SourceResult>>> deadline;

    GroupSearch(Sources sources, SearchConfig config) {
        this.sources = sources;
        this.timeout = config.timeout();
        this.deadline = TypedGuard.create(new TypeLiteral<Uni<List<SourceResult>>>() {
        })
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    /** Every source's result, in source id order, or the failure that ended the group. */
    public Uni<List<SourceResult>> search(String query) {
        return search(sources.all(), query);
    }

    Uni<List<SourceResult>> search(List<PodcastSource> sources, String query) {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        List<Uni<SourceResult>> calls = sources.stream()
                .map(source -> call(source, query, pending))
                .toList();

        // join().andFailFast() cancels the other members on the first failure. combine().all() would too,
        // but its fail-fast path can stall under a race in the Mutiny version Quarkus 3.33 pins.
        Uni<List<SourceResult>> group = Uni.join().all(calls).andFailFast()
                // The fault-tolerance timeout below fails the answer but never cancels what it guards;
                // this Mutiny timeout, inside the guard, is what cancels the pending calls.
                .ifNoItem().after(timeout).failWith(() -> timedOut(pending));

        return deadline.get(() -> group)
                .onFailure(TimeoutException.class).transform(e -> timedOut(pending));
    }

    private static Uni<SourceResult> call(PodcastSource source, String query, Set<String> pending) {
        return source.search(query)
                .onSubscription().invoke(() -> pending.add(source.id()))
                .onItem().invoke(() -> pending.remove(source.id()));
    }

    private SearchTimeout timedOut(Set<String> pending) {
        return new SearchTimeout(timeout, pending.stream().sorted().toList());
    }
}
