package org.onekeylogin.token.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions whose refresh token has expired. Such a device can no longer get tokens, so it is signed out
 * like any other: audited, its authorization removed, and it stops counting as a control terminal — a phone left
 * in a drawer for a month is not asked to approve sign-ins, nor listed as signed in.
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

    /** Ends every active session whose refresh token expired before now; returns how many it ended. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public int endExpiredSessions() {
        int ended = 0;
        List<String> expired;
        do {
            expired = jdbc.sql("SELECT s.id FROM oauth2_authorization a "
                            + "JOIN device_session s ON s.authorization_id = a.id "
                            + "WHERE a.refresh_token_expires_at < ? AND s.revoked_at IS NULL "
                            + "ORDER BY a.refresh_token_expires_at FETCH FIRST " + BATCH + " ROWS ONLY")
                    .param(clock.instant().atOffset(ZoneOffset.UTC)).query(String.class).list();
            for (String sessionId : expired) {
                if (sessions.end(sessionId, null, RevokeReason.EXPIRED, null)) {
                    ended++;
                }
            }
        } while (expired.size() == BATCH);
        if (ended > 0) {
            log.info("Ended {} sessions whose refresh token had expired", ended);
        }
        return ended;
    }
}
