package org.onekeylogin.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A token response in the field names of RFC 6749 section 5.1, so OAuth2 clients can read
 * it as they are used to.
 */
public record IssuedTokens(@JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") @Nullable String refreshToken,
        @JsonProperty("id_token") @Nullable String idToken, @JsonProperty("scope") String scope) {
}
