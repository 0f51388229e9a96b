package org.onekeylogin.token.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's refresh-token grant, as one transaction that also retires the refresh token it exchanged: the new
 * tokens, the session's current access-token id and the retirement commit together. The retired token is what
 * {@link RefreshTokenReuse} recognises when it is presented again.
 */
public final class RefreshTokenRotation implements AuthenticationProvider {

    private final AuthenticationProvider grant;
    private final RefreshTokenReuse reuse;
    private final TransactionTemplate transaction;

    public RefreshTokenRotation(AuthenticationProvider grant, RefreshTokenReuse reuse,
            PlatformTransactionManager transactions) {
        if (!grant.supports(OAuth2RefreshTokenAuthenticationToken.class)) {
            throw new IllegalArgumentException("Not the refresh-token grant: " + grant.getClass().getName());
        }
        this.grant = grant;
        this.reuse = reuse;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Wraps the refresh-token grant among the token endpoint's providers; leaves the others as they are. */
    public static AuthenticationProvider around(AuthenticationProvider provider, RefreshTokenReuse reuse,
            PlatformTransactionManager transactions) {
        return provider instanceof OAuth2RefreshTokenAuthenticationProvider
                ? new RefreshTokenRotation(provider, reuse, transactions) : provider;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        var refresh = (OAuth2RefreshTokenAuthenticationToken) authentication;
        return transaction.execute(status -> {
            Authentication issued = grant.authenticate(refresh);
            if (issued instanceof OAuth2AccessTokenAuthenticationToken tokens && tokens.getRefreshToken() != null
                    && !tokens.getRefreshToken().getTokenValue().equals(refresh.getRefreshToken())) {
                reuse.retire(refresh.getRefreshToken(), tokens.getRefreshToken().getTokenValue());
            }
            return issued;
        });
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
