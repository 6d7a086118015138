package dev.podcastsearch.source.moment;

/** A transcript or chapters file that is not what it should be: skipped, with a reason that is safe to log. */
final class UnreadableFile extends RuntimeException {

    UnreadableFile(String reason) {
        super(reason, null, false, false);
    }
}
