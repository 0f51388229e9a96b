package org.onekeylogin.client;

import java.io.IOException;

/**
 * How the library talks HTTP. {@link JdkHttpTransport} uses the JDK's
 * {@code java.net.http.HttpClient} (JVM TV and PC apps); an Android app, which has no
 * {@code java.net.http}, implements this interface over OkHttp in a few lines (see
 * docs/CLIENT.md). Implementations must send a {@code Content-Length} (the service
 * refuses chunked bodies) and must not follow redirects or retry requests by themselves:
 * a retried refresh could present a refresh token twice.
 */
public interface HttpTransport {

    /** Sends the request and reads the whole answer. */
    TransportResponse send(TransportRequest request) throws IOException;

    /**
     * Sends the request and returns as soon as the status and headers have arrived; the
     * body is read as it comes (the event stream). Closing the answer, from any thread,
     * ends the connection and makes a blocked read return.
     */
    StreamResponse openStream(TransportRequest request) throws IOException;

}
