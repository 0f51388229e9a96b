package org.onekeylogin.client;

import java.time.Duration;

/**
 * An OAuth 2.0 endpoint ({@code /oauth2/*}) refused a request: {@code {"error": ...,
 * "error_description": ...}}. The error names are those of RFC 6749 and RFC 8628, e.g.
 * {@code invalid_grant}, {@code authorization_pending}, {@code slow_down},
 * {@code access_denied}, {@code expired_token}.
 */
public class OAuthException extends OneKeyException {

    public static final String INVALID_GRANT = "invalid_grant";

    public static final String AUTHORIZATION_PENDING = "authorization_pending";

    public static final String SLOW_DOWN = "slow_down";

    public static final String ACCESS_DENIED = "access_denied";

    public static final String EXPIRED_TOKEN = "expired_token";

    private final String error;

    OAuthException(int httpStatus, String error, String description, Duration retryAfter) {
        super(description == null ? error : error + ": " + description, httpStatus, null, retryAfter, null);
        this.error = error;
    }

    /** The OAuth 2.0 error name, e.g. {@code invalid_grant}. */
    public String error() {
        return error;
    }

}
