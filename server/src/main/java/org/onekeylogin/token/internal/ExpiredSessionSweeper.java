package org.onekeylogin.token.internal;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions whose refresh token has expired. Such a device can no longer get
 * tokens, so it is signed out like any other: audited, its authorization removed, and it
 * stops counting as a control terminal — a phone left in a drawer for a month is not
 * asked to approve sign-ins, nor listed as signed in.
 *
 * <p>
 * It reads only the token feature's own table: an authorization's id is its session's,
 * and the device feature ends the session. An expired authorization whose session had
 * already ended (or that never belonged to one) is removed here, so every authorization
 * the sweep finds is gone afterwards and the sweep never finds it again.
 */
@Component
public class ExpiredSessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionSweeper.class);

    private static final int BATCH = 500;

    private final JdbcClient jdbc;

    private final DeviceSessionService sessions;

    private final Clock clock;

    private final OAuth2AuthorizationService authorizations;

    ExpiredSessionSweeper(JdbcClient jdbc, DeviceSessionService sessions, OAuth2AuthorizationService authorizations,
            Clock clock) {
        this.jdbc = jdbc;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Ends every active session whose refresh token expired before now; returns how many
     * it ended.
     */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @SchedulerLock(name = "expired-sessions-sweep", lockAtLeastFor = "PT5M")
    public int endExpiredSessions() {
        OffsetDateTime now = utc(clock.instant());
        int ended = 0;
        int removed;
        List<String> expired;
        do {
            expired = jdbc
                .sql("SELECT id FROM oauth2_authorization WHERE refresh_token_expires_at < ? "
                        + "ORDER BY refresh_token_expires_at FETCH FIRST " + BATCH + " ROWS ONLY")
                .param(now)
                .query(String.class)
                .list();
            removed = 0;
            for (String authorizationId : expired) {
                // ending the session removes its authorization
                if (sessions.end(authorizationId, null, RevokeReason.EXPIRED, null)) {
                    ended++;
                    removed++;
                }
                else {
                    removed += removeOrphan(authorizationId, now);
                }
            }
        }
        while (expired.size() == BATCH && removed > 0);
        if (ended > 0) {
            log.info("Ended {} sessions whose refresh token had expired", ended);
        }
        return ended;
    }

    /** Removes the authorization through the store, which removes its lookups too. */
    private int removeOrphan(String authorizationId, OffsetDateTime now) {
        OAuth2Authorization orphan = authorizations.findById(authorizationId);
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = orphan == null ? null : orphan.getRefreshToken();
        Instant expiresAt = refresh == null ? null : refresh.getToken().getExpiresAt();
        if (expiresAt == null || !expiresAt.isBefore(now.toInstant())) {
            return 0;
        }
        authorizations.remove(orphan);
        return 1;
    }

}
