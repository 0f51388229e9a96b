package org.onekeylogin.token.internal;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Accepts an access token only while the authorization store still holds it and has not
 * invalidated it: revoking it at {@code /oauth2/revoke} (RFC 7009) takes effect on the
 * next request, on every node, instead of when the JWT expires. For tokens that belong to
 * no device session (client credentials), which the session check cannot cover. One
 * lookup per request, by the indexed access-token value; expiry is the timestamp
 * validator's business.
 */
public final class StoredAccessTokenValidator implements OAuth2TokenValidator<Jwt> {

    private final OAuth2AuthorizationService authorizations;

    public StoredAccessTokenValidator(OAuth2AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        OAuth2Authorization authorization = authorizations.findByToken(jwt.getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> token = authorization == null ? null
                : authorization.getAccessToken();
        if (token == null || token.isInvalidated()) {
            return OAuth2TokenValidatorResult
                .failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "This access token was revoked.", null));
        }
        return OAuth2TokenValidatorResult.success();
    }

}
