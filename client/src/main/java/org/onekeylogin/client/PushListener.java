package org.onekeylogin.client;

/**
 * Receives what the event stream brings, on the stream's own thread: keep the methods
 * short and hand work to the app's threads. An event is delivered once per connection and
 * resumed after reconnects without gaps; after a crash of the app between delivery and
 * its next start, events from {@code Last-Event-ID} on are delivered again, so act on
 * them idempotently.
 */
public interface PushListener {

    void onEvent(PushEvent event);

    /** The stream is open (again); events missed while it was not follow. */
    default void onConnected() {
    }

    /**
     * The connection ended or failed; the stream reconnects after {@code retryIn} unless
     * closed. {@code cause} is null when the service ended the stream normally.
     */
    default void onDisconnected(Throwable cause, java.time.Duration retryIn) {
    }

    /**
     * This device's session has ended (its {@code signed_out} event, or its tokens were
     * refused). The stream has stopped; show the sign-in screen.
     */
    default void onSignedOut() {
    }

}
