package org.onekeylogin.token;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/** The tokens of a device session as Spring's authorization server models them. */
public record SessionTokens(OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken,
        @Nullable String idToken) {

    /** The same tokens as an RFC 6749 token response. */
    public IssuedTokens response() {
        Instant expiresAt = accessToken.getExpiresAt();
        long expiresIn = expiresAt == null || accessToken.getIssuedAt() == null ? 0
                : Duration.between(accessToken.getIssuedAt(), expiresAt).toSeconds();
        return new IssuedTokens(accessToken.getTokenValue(), accessToken.getTokenType().getValue(), expiresIn,
                refreshToken == null ? null : refreshToken.getTokenValue(), idToken,
                String.join(" ", accessToken.getScopes()));
    }
}
