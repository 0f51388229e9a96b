package org.onekeylogin.push.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import org.onekeylogin.push.PushEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stored push events; reads go through the {@code (device_id, id)} index. */
@Repository
public class PushEventStore {

    private final JdbcClient jdbc;

    public PushEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long append(String deviceId, String sessionId, String type, String payload, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql(
                "INSERT INTO push_event (device_id, session_id, event_type, payload, created_at) VALUES (?, ?, ?, ?, ?)")
            .params(deviceId, sessionId, type, payload, utc(now))
            .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /**
     * Events for a session after {@code afterId} and not older than {@code notBefore},
     * oldest first.
     */
    public List<PushEvent> after(String sessionId, long afterId, Instant notBefore, int limit) {
        return jdbc.sql("SELECT id, device_id, event_type, payload, created_at FROM push_event "
                + "WHERE session_id = ? AND id > ? AND created_at >= ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")
            .params(sessionId, afterId, utc(notBefore))
            .query((rs, n) -> new PushEvent(rs.getLong("id"), rs.getString("device_id"), rs.getString("event_type"),
                    rs.getString("payload"), instant(rs, "created_at")))
            .list();
    }

    public int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM push_event WHERE created_at < ?").param(utc(cutoff)).update();
    }

}
