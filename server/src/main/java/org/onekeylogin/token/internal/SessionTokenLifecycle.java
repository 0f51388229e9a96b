package org.onekeylogin.token.internal;

import org.onekeylogin.device.SessionRevoked;
import org.onekeylogin.token.TokenIssuer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps sessions and tokens together: a session that ends loses its tokens. */
@Component
class SessionTokenLifecycle {

    private final TokenIssuer tokens;

    SessionTokenLifecycle(TokenIssuer tokens) {
        this.tokens = tokens;
    }

    @EventListener
    void on(SessionRevoked revoked) {
        tokens.revokeSessionTokens(revoked.sessionId());
    }

}
