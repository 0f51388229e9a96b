package org.onekeylogin.token.internal;

import static org.onekeylogin.system.SqlTimes.utc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh-token reuse detection (OAuth 2.1 section 4.3.1): every refresh token that has
 * been exchanged is remembered (hashed). If one is presented again, either the device or
 * someone holding a copy is replaying it, and the service cannot tell which — so the
 * session ends, for both.
 *
 * <p>
 * Except within the grace window ({@code onekey.tokens.refresh-grace}, a few seconds)
 * after the exchange: an app that refreshed twice at once, or retries a refresh whose
 * answer it lost, presents the same token again, and gets the same new tokens (see
 * {@link GracePair}) rather than a dead pair or the end of its session. That answer is
 * given only while those tokens are still the session's current ones.
 */
public final class RefreshTokenReuse implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuse.class);

    private final JdbcClient jdbc;

    private final TransactionTemplate savepoint;

    private final DeviceSessionService sessions;

    private final Clock clock;

    private final Duration retention;

    private final Duration grace;

    private final TokenHashes hashes;

    private final OAuth2ErrorAuthenticationFailureHandler standardErrors = new OAuth2ErrorAuthenticationFailureHandler();

    public RefreshTokenReuse(JdbcClient jdbc, PlatformTransactionManager transactions, DeviceSessionService sessions,
            Clock clock, Duration retention, Duration grace, TokenHashes hashes) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.sessions = sessions;
        this.clock = clock;
        this.retention = retention;
        this.grace = grace;
        this.hashes = hashes;
    }

    /**
     * The authorization (whose id is its session's) that holds {@code refreshToken} now,
     * or that held it when it was exchanged. Two indexed lookups at most, by the token's
     * hashes ({@link TokenHashes} for the store, SHA-256 for the retired tokens); what a
     * refresh locks before it does anything.
     */
    public Optional<String> holder(String refreshToken) {
        Optional<String> current = jdbc.sql("SELECT id FROM oauth2_authorization WHERE refresh_token_value = ?")
            .param(hashes.lookup(refreshToken))
            .query(String.class)
            .optional();
        return current.isPresent() ? current : retiredSession(refreshToken);
    }

    /**
     * Remembers the refresh token a refresh exchanged, under the session that holds its
     * replacement now (the authorization's id is its session's), in the refresh's
     * transaction, with the new tokens sealed for the grace window. One statement; it
     * runs under a savepoint so that, should the key ever be taken, the refresh still
     * commits on PostgreSQL, which refuses the rest of a transaction in which a statement
     * failed.
     */
    public void retire(String exchanged, String clientId, OAuth2AccessTokenAuthenticationToken issued) {
        Instant now = clock.instant();
        boolean withGrace = grace.isPositive();
        String sealed = withGrace ? GracePair.of(clientId, issued).seal(exchanged) : null;
        try {
            savepoint.executeWithoutResult(status -> jdbc
                .sql("INSERT INTO retired_refresh_token (token_hash, "
                        + "session_id, retired_at, grace_until, grace_pair) SELECT ?, id, ?, ?, ? "
                        + "FROM oauth2_authorization WHERE refresh_token_value = ?")
                .params(Hashing.sha256Hex(exchanged), utc(now), withGrace ? utc(now.plus(grace)) : null, sealed,
                        hashes.lookup(issued.getRefreshToken().getTokenValue()))
                .update());
        }
        catch (DuplicateKeyException alreadyRetired) {
            // retired once already; refreshes of one session are serialised, so this is
            // not expected
        }
    }

    /**
     * The answer a refresh gave for {@code presented}, when it is presented again within
     * the grace window by the same client and those tokens are still the session's
     * current ones; empty otherwise (then the refresh goes on, fails, and
     * {@link #onAuthenticationFailure} treats it as reuse). Call it holding the session's
     * lock.
     */
    public Optional<OAuth2AccessTokenAuthenticationToken> repeatedAnswer(String presented,
            OAuth2ClientAuthenticationToken client, Set<String> requestedScopes) {
        if (!grace.isPositive() || client.getRegisteredClient() == null) {
            return Optional.empty();
        }
        record Retired(String sessionId, String sealed) {
        }
        Optional<GracePair> pair = jdbc
            .sql("SELECT session_id, grace_pair FROM retired_refresh_token "
                    + "WHERE token_hash = ? AND grace_until > ? AND grace_pair IS NOT NULL")
            .params(Hashing.sha256Hex(presented), utc(clock.instant()))
            .query((rs, n) -> new Retired(rs.getString("session_id"), rs.getString("grace_pair")))
            .optional()
            .flatMap(retired -> GracePair.open(retired.sealed(), presented)
                .filter(p -> p.clientId().equals(client.getRegisteredClient().getClientId()))
                .filter(p -> p.scopes().containsAll(requestedScopes))
                .filter(p -> isCurrent(retired.sessionId(), p.refreshToken())));
        return pair.map(p -> new OAuth2AccessTokenAuthenticationToken(client.getRegisteredClient(), client, p.access(),
                p.refresh(), p.idToken() == null ? Map.of() : Map.of(OidcParameterNames.ID_TOKEN, p.idToken())));
    }

    private boolean isCurrent(String authorizationId, String refreshToken) {
        return jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE id = ? AND refresh_token_value = ?")
            .params(authorizationId, hashes.lookup(refreshToken))
            .query(Long.class)
            .single() == 1;
    }

    /**
     * The token endpoint's error handler: ends the session on reuse, then answers in the
     * OAuth2 format.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, jakarta.servlet.ServletException {
        if (failure instanceof OAuth2AuthenticationException oauth
                && OAuth2ErrorCodes.INVALID_GRANT.equals(oauth.getError().getErrorCode())
                && AuthorizationGrantType.REFRESH_TOKEN.getValue()
                    .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
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
            .param(Hashing.sha256Hex(refreshToken))
            .query(String.class)
            .optional();
    }

    @Scheduled(fixedDelayString = "PT1H")
    @SchedulerLock(name = "retired-refresh-tokens-cleanup", lockAtLeastFor = "PT30M", lockAtMostFor = "PT50M")
    void forgetOld() {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM retired_refresh_token WHERE retired_at < ?").param(utc(now.minus(retention))).update();
        // the sealed tokens are of no use once the window has passed
        jdbc.sql("UPDATE retired_refresh_token SET grace_pair = NULL, grace_until = NULL WHERE grace_until < ?")
            .param(utc(now))
            .update();
    }

}
