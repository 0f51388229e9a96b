package org.onekeylogin.token.internal;

import java.util.Optional;
import org.onekeylogin.device.DeviceSessionService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's refresh-token grant, as one transaction that also retires the refresh token it
 * exchanged: the new tokens, the session's current access-token id and the retirement
 * commit together. The retired token is what {@link RefreshTokenReuse} recognises when it
 * is presented again.
 *
 * <p>
 * The transaction starts by taking the row lock of the token's session
 * ({@link DeviceSessionService#lockIfActive}, the lock a sign-out takes too), so the
 * refreshes of one session, and its sign-out, happen one at a time on every node.
 * Spring's grant reads the authorization only once it holds the lock, so of two refreshes
 * with one token exactly one exchanges it; the other, within the grace window, is given
 * the same new tokens, and a refresh that waited for a sign-out finds the session ended
 * and gets {@code invalid_grant}.
 */
public final class RefreshTokenRotation implements AuthenticationProvider {

    private final AuthenticationProvider grant;

    private final RefreshTokenReuse reuse;

    private final DeviceSessionService sessions;

    private final TransactionTemplate transaction;

    public RefreshTokenRotation(AuthenticationProvider grant, RefreshTokenReuse reuse, DeviceSessionService sessions,
            PlatformTransactionManager transactions) {
        if (!grant.supports(OAuth2RefreshTokenAuthenticationToken.class)) {
            throw new IllegalArgumentException("Not the refresh-token grant: " + grant.getClass().getName());
        }
        this.grant = grant;
        this.reuse = reuse;
        this.sessions = sessions;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Wraps the refresh-token grant among the token endpoint's providers; leaves the
     * others as they are.
     */
    public static AuthenticationProvider around(AuthenticationProvider provider, RefreshTokenReuse reuse,
            DeviceSessionService sessions, PlatformTransactionManager transactions) {
        return provider instanceof OAuth2RefreshTokenAuthenticationProvider
                ? new RefreshTokenRotation(provider, reuse, sessions, transactions) : provider;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        var refresh = (OAuth2RefreshTokenAuthenticationToken) authentication;
        String presented = refresh.getRefreshToken();
        return transaction.execute(status -> {
            Optional<String> sessionId = reuse.holder(presented);
            if (sessionId.isPresent()) {
                if (!sessions.lockIfActive(sessionId.get())) {
                    throw new OAuth2AuthenticationException(
                            new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "This device has been signed out.", null));
                }
                if (refresh.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                        && client.isAuthenticated()) {
                    Optional<OAuth2AccessTokenAuthenticationToken> repeated = reuse.repeatedAnswer(presented, client,
                            refresh.getScopes());
                    if (repeated.isPresent()) {
                        return repeated.get();
                    }
                }
            }
            // an unknown token: Spring's grant gives the standard refusal
            Authentication issued = grant.authenticate(refresh);
            if (issued instanceof OAuth2AccessTokenAuthenticationToken tokens && tokens.getRefreshToken() != null
                    && !tokens.getRefreshToken().getTokenValue().equals(presented)) {
                reuse.retire(presented, tokens.getRegisteredClient().getClientId(), tokens);
            }
            return issued;
        });
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

}
