package org.onekeylogin.token.internal;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceSessionService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization store, with what a device session must learn when one of its
 * authorizations is saved: the id ({@code jti}) of the access token just issued (first
 * issue, refresh, device-code poll), so that every older access token of the session is
 * refused at the JSON API at once. The save and that note are one transaction; a save
 * inside a sign-in or a refresh joins theirs.
 *
 * <p>
 * Every grant, Spring's and OneKey's, saves through here, which is why this is the place
 * for the note rather than the token customizer, which only shapes claims. It is also the
 * place that keeps an ended session's tokens dead: Spring's store inserts an
 * authorization it does not find, so a grant that read the authorization before a
 * sign-out removed it would otherwise bring it back with fresh tokens. Each save of a
 * session's authorization first takes the session's row lock
 * ({@link DeviceSessionService#lockIfActive}, the lock a sign-out takes too) and saves
 * only while the session is signed in: a grant is refused with {@code invalid_grant}, a
 * revocation has nothing left to save.
 */
public final class SessionAuthorizations
        implements OAuth2AuthorizationService, NewAuthorizations, AuthorizationRemoval {

    private static final String TOKEN_ID_CLAIM = "jti";

    private final OAuth2AuthorizationService store;

    private final DeviceSessionService sessions;

    private final TransactionTemplate transaction;

    public SessionAuthorizations(OAuth2AuthorizationService store, DeviceSessionService sessions,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.sessions = sessions;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        String sessionId = authorization.getAttribute(SessionAttributes.SESSION_ID);
        if (sessionId == null) {
            store.save(authorization);
            return;
        }
        String accessTokenId = liveAccessTokenId(authorization);
        transaction.executeWithoutResult(status -> {
            if (!sessions.lockIfActive(sessionId)) {
                if (accessTokenId != null) {
                    throw new OAuth2AuthenticationException(
                            new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "This device has been signed out.", null));
                }
                return;
            }
            store.save(authorization);
            if (accessTokenId != null) {
                sessions.currentAccessToken(sessionId, accessTokenId);
            }
        });
    }

    /**
     * Stores the first authorization of a session opened in the current transaction: that
     * transaction inserted the session's row and holds its lock, so no sign-out can come
     * between, and there is no earlier authorization to look up.
     */
    @Override
    public void insert(OAuth2Authorization authorization) {
        String sessionId = authorization.getAttribute(SessionAttributes.SESSION_ID);
        if (sessionId == null || !TransactionSynchronizationManager.isActualTransactionActive()
                || !(store instanceof NewAuthorizations inserting)) {
            save(authorization);
            return;
        }
        inserting.insert(authorization);
        String accessTokenId = liveAccessTokenId(authorization);
        if (accessTokenId != null) {
            sessions.currentAccessToken(sessionId, accessTokenId);
        }
    }

    /**
     * The id of the authorization's access token unless it was revoked: a revocation
     * saves the authorization with the token invalidated, and must not make it current
     * again.
     */
    private static @Nullable String liveAccessTokenId(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
        if (accessToken == null || accessToken.isInvalidated() || accessToken.getClaims() == null) {
            return null;
        }
        return accessToken.getClaims().get(TOKEN_ID_CLAIM) instanceof String id ? id : null;
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public void removeById(String id) {
        AuthorizationRemoval.removeById(store, id);
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        return store.findByToken(token, tokenType);
    }

}
