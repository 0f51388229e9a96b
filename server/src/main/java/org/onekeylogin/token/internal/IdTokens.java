package org.onekeylogin.token.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues an ID token into an authorization the way Spring's own grants do: generated from
 * the token context, kept with its claims, so that {@code /userinfo} and every later
 * refresh find it.
 */
public final class IdTokens {

    public static final OAuth2TokenType TYPE = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private IdTokens() {
    }

    public static OidcIdToken issue(OAuth2TokenGenerator<? extends OAuth2Token> generator,
            DefaultOAuth2TokenContext.Builder context, OAuth2Authorization.Builder authorization) {
        @Nullable OAuth2Token generated = generator.generate(context.tokenType(TYPE).build());
        if (!(generated instanceof Jwt jwt)) {
            throw new IllegalStateException("The token generator produced no ID token");
        }
        var idToken = new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
        authorization.token(idToken,
                metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()));
        return idToken;
    }

}
