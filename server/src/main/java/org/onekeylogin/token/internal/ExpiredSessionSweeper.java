package org.onekeylogin.token.internal;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    ExpiredSessionSweeper(JdbcClient jdbc, DeviceSessionService sessions, Clock clock) {
        this.jdbc = jdbc;
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

    private int removeOrphan(String authorizationId, OffsetDateTime now) {
        return jdbc.sql("DELETE FROM oauth2_authorization WHERE id = ? AND refresh_token_expires_at < ?")
            .params(authorizationId, now)
            .update();
    }

}
