package dev.podcastsearch.support.lambda;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;

/**
 * Lets the Lambda poll loop settle after a test class, before Quarkus may stop the application for the next one.
 * <p>
 * The mock event server outlives such a restart, and the poll loop asks it for the next event as soon as it has
 * answered one. When the application stops within milliseconds of a class's last request, that ask can be closed
 * before the server has started watching its connection; the server then keeps polling its queue for a poller that
 * is gone, and hands it one of the next application's events, whose test waits 30 s for an answer that never comes.
 * A short pause lets the server watch the connection before it closes, so that it puts the ask away.
 */
public final class PollLoopSettles implements QuarkusTestAfterAllCallback {

    private static final long PAUSE_MILLIS = 250;

    @Override
    public void afterAll(QuarkusTestContext context) {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
