package org.onekeylogin.token.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh-token reuse detection (OAuth 2.1 section 4.3.1): every refresh token that has been exchanged is
 * remembered (hashed). If one is presented again, either the device or someone holding a copy is replaying it, and
 * the service cannot tell which — so the session ends, for both.
 */
public final class RefreshTokenReuse implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuse.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final DeviceSessionService sessions;
    private final Clock clock;
    private final Duration retention;
    private final OAuth2ErrorAuthenticationFailureHandler standardErrors = new OAuth2ErrorAuthenticationFailureHandler();

    public RefreshTokenReuse(JdbcClient jdbc, PlatformTransactionManager transactions, DeviceSessionService sessions,
            Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.sessions = sessions;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Remembers the refresh token a refresh exchanged, under the session that holds its {@code replacement} now
     * (the authorization's id is its session's), in the refresh's transaction. One statement; it runs under a
     * savepoint because when two refreshes of one token race, the second insert loses on the key, and PostgreSQL
     * would otherwise refuse the rest of that refresh.
     */
    public void retire(String exchanged, String replacement) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("INSERT INTO retired_refresh_token (token_hash, "
                            + "session_id, retired_at) SELECT ?, id, ? FROM oauth2_authorization "
                            + "WHERE refresh_token_value = ?")
                    .params(Hashing.sha256Hex(exchanged), clock.instant().atOffset(ZoneOffset.UTC), replacement)
                    .update());
        } catch (DuplicateKeyException alreadyRetired) {
            // two refreshes with the same token raced; it is retired once, as it should be
        }
    }

    /** The token endpoint's error handler: ends the session on reuse, then answers in the OAuth2 format. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, jakarta.servlet.ServletException {
        if (failure instanceof OAuth2AuthenticationException oauth
                && OAuth2ErrorCodes.INVALID_GRANT.equals(oauth.getError().getErrorCode())
                && AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                && request.getParameter(OAuth2ParameterNames.REFRESH_TOKEN) instanceof String presented
                && presented.length() <= 512) {
            retiredSession(presented).ifPresent(sessionId -> {
                if (sessions.end(sessionId, null, RevokeReason.REFRESH_TOKEN_REUSED, ClientAddress.of(request))) {
                    log.warn("A refresh token was used twice; its session was signed out");
                }
            });
        }
        standardErrors.onAuthenticationFailure(request, response, failure);
    }

    private Optional<String> retiredSession(String refreshToken) {
        return jdbc.sql("SELECT session_id FROM retired_refresh_token WHERE token_hash = ?")
                .param(Hashing.sha256Hex(refreshToken)).query(String.class).optional();
    }

    @Scheduled(fixedDelayString = "PT1H")
    void forgetOld() {
        jdbc.sql("DELETE FROM retired_refresh_token WHERE retired_at < ?")
                .param(clock.instant().minus(retention).atOffset(ZoneOffset.UTC)).update();
    }
}
