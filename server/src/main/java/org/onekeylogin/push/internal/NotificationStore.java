package org.onekeylogin.push.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.instantOrNull;
import static org.onekeylogin.system.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * An account's kept notifications; reads go through the {@code (account_id, id)} index,
 * the clean-up through {@code created_at}.
 */
@Repository
public class NotificationStore {

    /** One stored notification; {@code payload} is a JSON object. */
    public record Stored(long id, String type, String payload, Instant createdAt, @Nullable Instant readAt) {
    }

    private final JdbcClient jdbc;

    public NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long append(String accountId, String type, String payload, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO account_notification (account_id, event_type, payload, created_at) VALUES (?, ?, ?, ?)")
            .params(accountId, type, payload, utc(now))
            .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The newest first, not older than {@code notBefore}. */
    public List<Stored> newest(String accountId, Instant notBefore, int limit) {
        return jdbc
            .sql("SELECT id, event_type, payload, created_at, read_at FROM account_notification "
                    + "WHERE account_id = ? AND created_at >= ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY")
            .params(accountId, utc(notBefore))
            .query(NotificationStore::map)
            .list();
    }

    /**
     * Marks one of the account's notifications read (the first time only); false when the
     * account has no notification with that id.
     */
    public boolean markRead(String accountId, long id, Instant now) {
        jdbc.sql("UPDATE account_notification SET read_at = ? WHERE id = ? AND account_id = ? AND read_at IS NULL")
            .params(utc(now), id, accountId)
            .update();
        return jdbc.sql("SELECT COUNT(*) FROM account_notification WHERE id = ? AND account_id = ?")
            .params(id, accountId)
            .query(Integer.class)
            .single() > 0;
    }

    public int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM account_notification WHERE created_at < ?").param(utc(cutoff)).update();
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getString("event_type"), rs.getString("payload"),
                instant(rs, "created_at"), instantOrNull(rs, "read_at"));
    }

}
