package dev.podcastsearch.lambda;

/** An event that is not an HTTP event of any integration the front knows: its message says what is wrong. */
final class UnreadableEvent extends Exception {

    UnreadableEvent(String message) {
        super(message, null, false, false);
    }
}
