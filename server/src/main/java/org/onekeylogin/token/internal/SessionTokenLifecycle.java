package org.onekeylogin.token.internal;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.SessionRevoked;
import org.onekeylogin.token.logout.BackchannelLogouts;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * Keeps sessions and tokens together: a session that ends loses its tokens, and its
 * client, if it listens, is sent a back-channel logout in the name of the issuer that
 * issued them. Both happen in the transaction that ends the session. The tokens are
 * removed by the session's id; the authorization is read only when a logout needs the
 * issuer its tokens carry.
 */
@Component
class SessionTokenLifecycle {

    private final OAuth2AuthorizationService authorizations;

    private final BackchannelLogouts logouts;

    private final AuthorizationServerSettings settings;

    SessionTokenLifecycle(OAuth2AuthorizationService authorizations, BackchannelLogouts logouts,
            AuthorizationServerSettings settings) {
        this.authorizations = authorizations;
        this.logouts = logouts;
        this.settings = settings;
    }

    @EventListener
    void on(SessionRevoked revoked) {
        logouts.sessionEnded(revoked, () -> issuer(revoked.sessionId()));
        AuthorizationRemoval.removeById(authorizations, revoked.sessionId());
    }

    /**
     * The configured issuer, or else the {@code iss} the session's tokens carry (the
     * issuer Spring derived from the request that issued them), so the logout token names
     * the issuer the client knows.
     */
    private @Nullable String issuer(String sessionId) {
        if (settings.getIssuer() != null && !settings.getIssuer().isBlank()) {
            return settings.getIssuer();
        }
        OAuth2Authorization authorization = authorizations.findById(sessionId);
        if (authorization == null) {
            return null;
        }
        OAuth2Authorization.Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
        if (idToken != null && idToken.getToken().getClaims().get("iss") != null) {
            return String.valueOf(idToken.getToken().getClaims().get("iss"));
        }
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
        if (accessToken != null && accessToken.getClaims() != null && accessToken.getClaims().get("iss") != null) {
            return String.valueOf(accessToken.getClaims().get("iss"));
        }
        return null;
    }

}
