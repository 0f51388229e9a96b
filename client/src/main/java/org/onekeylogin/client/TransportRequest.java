package org.onekeylogin.client;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One HTTP request as the library builds it, for an {@link HttpTransport} to send. */
public final class TransportRequest {

    private final String method;

    private final URI uri;

    private final Map<String, String> headers;

    private final byte[] body;

    private final Duration timeout;

    TransportRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        this.method = Objects.requireNonNull(method);
        this.uri = Objects.requireNonNull(uri);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
        this.timeout = timeout;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** Request headers, including {@code Content-Type} when there is a body. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body, or null for none. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /** How long to wait for the answer's status and headers. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        // never the headers or body: they carry tokens and network identifiers
        return method + " " + uri.getPath();
    }

}
