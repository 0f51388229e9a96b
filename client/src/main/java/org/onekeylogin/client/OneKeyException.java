package org.onekeylogin.client;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Every failure the library reports. Subclasses say where it came from: the JSON API
 * ({@link OneKeyApiException}), the OAuth 2.0 endpoints ({@link OAuthException}), the
 * network ({@link OneKeyTransportException}), or the end of the device's session
 * ({@link SignedOutException}).
 */
public class OneKeyException extends RuntimeException {

    private final int httpStatus;

    private final Map<String, Object> details;

    private final Duration retryAfter;

    OneKeyException(String message, int httpStatus, Map<String, Object> details, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.details = details == null ? Collections.emptyMap() : Collections.unmodifiableMap(details);
        this.retryAfter = retryAfter;
    }

    /** The HTTP status of the answer; 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * What the service added ({@code field}, {@code reason}, {@code fallbacks},
     * {@code state}, ...); empty when nothing.
     */
    public Map<String, Object> details() {
        return details;
    }

    /** One entry of {@link #details()} as text, if present. */
    public Optional<String> detail(String name) {
        Object value = details.get(name);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    /** How long to wait before trying again, when the service said so (rate limits). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

}
