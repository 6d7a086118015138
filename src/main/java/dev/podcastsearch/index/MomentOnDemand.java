package dev.podcastsearch.index;

import java.util.function.Supplier;

/**
 * A moment hit: its kind, known when it is found, and the rest of it ({@link MomentHit}: its text, marks and times),
 * worked out the first time it is read. An answer shows a window of the hits (at most the request's {@code limit}),
 * and marking the hundred moments of each feed, with their stored documents, costs several times the search itself;
 * as with {@link HighlightsOnDemand}, moments outside the window are never read, so never worked out.
 */
public final class MomentOnDemand {

    private final Moment.Kind kind;
    /** What works the moment out until it is read, then null. Guarded by {@code this}, as {@link #found} is. */
    private Supplier<MomentHit> finding;
    private MomentHit found;

    MomentOnDemand(Moment.Kind kind, Supplier<MomentHit> finding) {
        this.kind = kind;
        this.finding = finding;
    }

    public Moment.Kind kind() {
        return kind;
    }

    /** The moment whole, worked out now if it was not yet. */
    public synchronized MomentHit found() {
        if (finding != null) {
            found = finding.get();
            finding = null;
        }
        return found;
    }
}
