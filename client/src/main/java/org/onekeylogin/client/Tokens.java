package org.onekeylogin.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A device's tokens: the access token for API calls, the refresh token that renews it
 * (keep it secret: it is the device's sign-in), the ID token when {@code openid} was
 * granted. A {@link TokenStore} persists them with {@link #of}.
 */
public final class Tokens {

    private final String accessToken;

    private final String refreshToken;

    private final String idToken;

    private final String scope;

    private final Instant expiresAt;

    private Tokens(String accessToken, String refreshToken, String idToken, String scope, Instant expiresAt) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.idToken = idToken;
        this.scope = scope;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Tokens as a {@link TokenStore} kept them. */
    public static Tokens of(String accessToken, String refreshToken, String idToken, String scope, Instant expiresAt) {
        return new Tokens(accessToken, refreshToken, idToken, scope, expiresAt);
    }

    static Tokens fromResponse(TokenResponse response, Clock clock) {
        return new Tokens(response.accessToken, response.refreshToken, response.idToken, response.scope,
                clock.instant().plusSeconds(response.expiresIn));
    }

    public String accessToken() {
        return accessToken;
    }

    /** Null when the grant gave none. */
    public String refreshToken() {
        return refreshToken;
    }

    public String idToken() {
        return idToken;
    }

    public String scope() {
        return scope;
    }

    /** When the access token expires, by this device's clock at receipt. */
    public Instant expiresAt() {
        return expiresAt;
    }

    boolean expiresWithin(Duration margin, Clock clock) {
        return !clock.instant().plus(margin).isBefore(expiresAt);
    }

    /**
     * The session these tokens belong to (the access token's {@code sid} claim), to
     * compare with the {@code session_id} of {@code signed_out} events. Read without
     * verifying the signature: the service verifies tokens, the app only needs to know
     * which of its sessions an event is about. Null if the token carries none.
     */
    public String sessionId() {
        return claim("sid");
    }

    /**
     * The account id (the access token's {@code sub} claim), read as
     * {@link #sessionId()}.
     */
    public String accountId() {
        return claim("sub");
    }

    private String claim(String name) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = Json.tree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode value = claims.path(name);
            return value.isTextual() ? value.asText() : null;
        }
        catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    @Override
    public String toString() {
        // never the tokens themselves
        return "Tokens[expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }

    /** The OAuth 2.0 token response (RFC 6749 section 5.1). */
    static final class TokenResponse {

        String accessToken;

        String refreshToken;

        String idToken;

        String scope;

        String tokenType;

        long expiresIn;

    }

}
