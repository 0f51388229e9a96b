package org.onekeylogin.audit;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Appends audit entries and reads an account's recent history. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;

    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(AuditEntry e) {
        jdbc.sql("INSERT INTO audit_event (occurred_at, event_type, outcome, account_id, device_id, session_id, "
                + "actor_session_id, ip_address, detail) VALUES (:occurredAt, :type, :outcome, :account, "
                + ":device, :session, :actorSession, :ip, :detail)")
            .param("occurredAt", utc(clock.instant()))
            .param("type", e.type().name())
            .param("outcome", e.outcome().name())
            .param("account", e.accountId())
            .param("device", e.deviceId())
            .param("session", e.sessionId())
            .param("actorSession", e.actorSessionId())
            .param("ip", e.ipAddress())
            .param("detail", truncate(e.detail()))
            .update();
    }

    /** The newest entries of an account, newest first. */
    public List<AuditEntry.Recorded> recent(String accountId, int limit) {
        return jdbc
            .sql("SELECT id, occurred_at, event_type, outcome, account_id, device_id, session_id, "
                    + "actor_session_id, ip_address, detail FROM audit_event WHERE account_id = ? "
                    + "ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY")
            .param(accountId)
            .query((rs, n) -> new AuditEntry.Recorded(rs.getLong("id"), instant(rs, "occurred_at"),
                    new AuditEntry(AuditEventType.valueOf(rs.getString("event_type")),
                            AuditEntry.Outcome.valueOf(rs.getString("outcome")), rs.getString("account_id"),
                            rs.getString("device_id"), rs.getString("session_id"), rs.getString("actor_session_id"),
                            rs.getString("ip_address"), rs.getString("detail"))))
            .list();
    }

    private static @Nullable String truncate(@Nullable String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

}
