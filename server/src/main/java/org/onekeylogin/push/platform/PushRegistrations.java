package org.onekeylogin.push.platform;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code push_registration}: one push address per session. */
@Repository
class PushRegistrations {

    private final JdbcClient jdbc;

    PushRegistrations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a session registered, and when. */
    record Registered(PushAddress address, Instant registeredAt) {
    }

    /**
     * Sets the session's address, replacing any earlier one. Runs under the session's row
     * lock, so no other registration of the same session runs at once and the
     * update-or-insert cannot race.
     */
    void put(String sessionId, PushAddress address, Instant now) {
        int updated = jdbc
            .sql("UPDATE push_registration SET platform = ?, token = ?, registered_at = ? WHERE session_id = ?")
            .params(address.platform().wireName(), address.token(), utc(now), sessionId)
            .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO push_registration (session_id, platform, token, registered_at) VALUES (?, ?, ?, ?)")
                .params(sessionId, address.platform().wireName(), address.token(), utc(now))
                .update();
        }
    }

    Optional<Registered> find(String sessionId) {
        return jdbc.sql("SELECT platform, token, registered_at FROM push_registration WHERE session_id = ?")
            .param(sessionId)
            .query((rs, n) -> new Registered(new PushAddress(PushPlatform.fromWire(rs.getString(1)), rs.getString(2)),
                    instant(rs, 3)))
            .optional();
    }

    boolean clear(String sessionId) {
        return jdbc.sql("DELETE FROM push_registration WHERE session_id = ?").param(sessionId).update() > 0;
    }

    /**
     * Deletes the session's registration if it still holds {@code token}: a token the
     * platform called dead goes, a newer one registered meanwhile stays.
     */
    boolean clearIfToken(String sessionId, String token) {
        return jdbc.sql("DELETE FROM push_registration WHERE session_id = ? AND token = ?")
            .params(sessionId, token)
            .update() > 0;
    }

}
