package org.onekeylogin.token.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.DeviceType;
import org.onekeylogin.device.NewSession;
import org.onekeylogin.device.RevokeReason;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization code grant (RFC 6749 section 4.1.3) opens a device session, as every
 * sign-in does: the web app's tokens carry {@code sid}, {@code amr}, {@code acr} and
 * {@code auth_time} like any other grant's, rotate on refresh, and end when the phone
 * signs that browser out. The session takes the id of the code's authorization; its
 * device is the browser as seen by that web app (one device per browser and client, so
 * signing in to the same app again replaces the earlier session, while two apps in one
 * browser keep a session each); its method is how the person signed in on the hosted page
 * ({@link BrowserSignIn}). Opening the session and Spring's exchange are one transaction:
 * a refused exchange leaves no session.
 *
 * <p>
 * A code presented a second time is refused by Spring's grant with {@code invalid_grant};
 * the session its first exchange opened is then ended as well, so every token issued from
 * that code stops working (RFC 6749 section 4.1.2).
 */
public final class AuthorizationCodeSessions implements AuthenticationProvider {

    private static final OAuth2TokenType AUTHORIZATION_CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    private final AuthenticationProvider grant;

    private final OAuth2AuthorizationService authorizations;

    private final DeviceSessionService sessions;

    private final TransactionTemplate transaction;

    private AuthorizationCodeSessions(AuthenticationProvider grant, OAuth2AuthorizationService authorizations,
            DeviceSessionService sessions, PlatformTransactionManager transactions) {
        this.grant = grant;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Wraps Spring's authorization code grant; leaves other providers as they are. */
    public static AuthenticationProvider around(AuthenticationProvider provider,
            OAuth2AuthorizationService authorizations, DeviceSessionService sessions,
            PlatformTransactionManager transactions) {
        return provider instanceof OAuth2AuthorizationCodeAuthenticationProvider
                ? new AuthorizationCodeSessions(provider, authorizations, sessions, transactions) : provider;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        var exchange = (OAuth2AuthorizationCodeAuthenticationToken) authentication;
        OAuth2Authorization authorization = authorizations.findByToken(exchange.getCode(), AUTHORIZATION_CODE);
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization == null ? null
                : authorization.getToken(OAuth2AuthorizationCode.class);
        RegisteredClient client = exchange.getPrincipal() instanceof OAuth2ClientAuthenticationToken c
                ? c.getRegisteredClient() : null;
        if (authorization == null || code == null || client == null
                || !client.getId().equals(authorization.getRegisteredClientId())) {
            // Spring's grant refuses it (and invalidates a code another client presents)
            return grant.authenticate(authentication);
        }
        String sessionId = authorization.getAttribute(SessionAttributes.SESSION_ID);
        if (!code.isActive()) {
            try {
                return grant.authenticate(authentication);
            }
            finally {
                if (sessionId != null && code.isInvalidated()) {
                    sessions.end(sessionId, null, RevokeReason.TOKEN_REVOKED, null);
                }
            }
        }
        Optional<BrowserSignIn.Facts> facts = BrowserSignIn.of(authorization.getAttribute(Principal.class.getName()));
        if (sessionId != null || facts.isEmpty()) {
            return grant.authenticate(authentication);
        }
        try {
            return transaction.execute(status -> {
                DeviceSession session = sessions.open(new NewSession(facts.get().accountId(),
                        browser(facts.get(), client), client.getClientId(), facts.get().method(), null, null, null),
                        authorization.getId());
                OAuth2Authorization.Builder withSession = OAuth2Authorization.from(authorization);
                SessionAttributes.attach(withSession, session, facts.get().authTime());
                authorizations.save(withSession.build());
                return grant.authenticate(authentication);
            });
        }
        catch (DuplicateKeyException ex) {
            // the same code exchanged twice at once: the other exchange opened the
            // session
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT));
        }
    }

    /**
     * The browser as the device of this client's session: the hosted page's device id and
     * the client, hashed into one id; named after the client.
     */
    static DeviceDescription browser(BrowserSignIn.Facts facts, RegisteredClient client) {
        String id;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                .digest((facts.deviceId() + "\n" + client.getClientId()).getBytes(StandardCharsets.UTF_8));
            id = "web:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
        String name = client.getClientName();
        if (name.length() > 64) {
            name = name.substring(0, 64);
        }
        return new DeviceDescription(id, DeviceType.PC, name, "Web browser", facts.os(), null);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return grant.supports(authentication);
    }

}
