package org.onekeylogin.device.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.instantOrNull;
import static org.onekeylogin.system.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.AccountOnDevice;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceType;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.device.ScreenClass;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.system.InsertOnce;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Devices and their sessions in the database; every query is served by a key or an index
 * of V1.
 */
@Repository
public class DeviceSessionRepository {

    private static final String SESSION_COLUMNS = "s.id, s.account_id, s.client_id, s.method, s.network_label, "
            + "s.ip_address, s.created_at, s.last_seen_at, s.revoked_at, s.revoked_by_session_id, s.revoke_reason, "
            + "s.access_token_id, s.network_id, "
            + "d.id AS device_id, d.device_type, d.name, d.model, d.os, d.app_version";

    private static final String FROM = " FROM device_session s JOIN device d ON d.id = s.device_id ";

    private final JdbcClient jdbc;

    private final InsertOnce inserts;

    public DeviceSessionRepository(JdbcClient jdbc, InsertOnce inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    /**
     * Records the device as it describes itself now, creating it on first sight. The
     * insert runs under a savepoint: when another request created the device first,
     * PostgreSQL would otherwise refuse the rest of the caller's transaction.
     */
    /**
     * Records the device as it describes itself; true when this call created its row (the
     * device is new: no session can refer to it yet).
     */
    public boolean upsertDevice(DeviceDescription d, Instant now) {
        if (updateDevice(d, now) == 1) {
            return false;
        }
        if (inserts.insert(() -> jdbc
            .sql("INSERT INTO device (id, device_type, name, model, os, "
                    + "app_version, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .params(d.id(), d.type().name(), d.name(), d.model(), d.os(), d.appVersion(), utc(now), utc(now))
            .update())) {
            return true;
        }
        // another request created the device first
        updateDevice(d, now);
        return false;
    }

    private int updateDevice(DeviceDescription d, Instant now) {
        return jdbc
            .sql("UPDATE device SET device_type = ?, name = ?, model = ?, os = ?, app_version = ?, "
                    + "last_seen_at = ? WHERE id = ?")
            .params(d.type().name(), d.name(), d.model(), d.os(), d.appVersion(), utc(now), d.id())
            .update();
    }

    public void insertSession(DeviceSession s) {
        jdbc.sql("INSERT INTO device_session (id, account_id, device_id, client_id, method, network_label, "
                + "ip_address, created_at, last_seen_at, small_screen, network_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(s.id(), s.accountId(), s.device().id(), s.clientId(), s.method().name(), s.networkLabel(),
                    s.ipAddress(), utc(s.createdAt()), utc(s.lastSeenAt()),
                    s.device().screenClass() == ScreenClass.SMALL, s.networkId())
            .update();
    }

    public Optional<DeviceSession> find(String id) {
        return jdbc.sql("SELECT " + SESSION_COLUMNS + FROM + "WHERE s.id = ?")
            .param(id)
            .query(DeviceSessionRepository::map)
            .optional();
    }

    public List<DeviceSession> activeOfAccount(String accountId) {
        return jdbc
            .sql("SELECT " + SESSION_COLUMNS + FROM
                    + "WHERE s.account_id = ? AND s.revoked_at IS NULL ORDER BY s.last_seen_at DESC")
            .param(accountId)
            .query(DeviceSessionRepository::map)
            .list();
    }

    /** Active sessions on phones and tablets: the account's control terminals. */
    public List<DeviceSession> activeSmallScreenOfAccount(String accountId) {
        return jdbc
            .sql("SELECT " + SESSION_COLUMNS + FROM
                    + "WHERE s.account_id = ? AND s.small_screen = TRUE AND s.revoked_at IS NULL")
            .param(accountId)
            .query(DeviceSessionRepository::map)
            .list();
    }

    /**
     * The accounts that signed in on a device, most recent first (served by the device_id
     * index).
     */
    public List<AccountOnDevice> accountsOn(String deviceId, int limit) {
        return jdbc
            .sql("SELECT account_id, MAX(created_at) AS last_sign_in, "
                    + "SUM(CASE WHEN revoked_at IS NULL THEN 1 ELSE 0 END) AS active "
                    + "FROM device_session WHERE device_id = ? GROUP BY account_id "
                    + "ORDER BY last_sign_in DESC FETCH FIRST " + limit + " ROWS ONLY")
            .param(deviceId)
            .query((rs, n) -> new AccountOnDevice(rs.getString("account_id"), instant(rs, "last_sign_in"),
                    rs.getLong("active") > 0))
            .list();
    }

    /**
     * Whether the account has had a session on the device that its owner did not disown
     * ("that wasn't me").
     */
    public boolean hasOwnedSessionOn(String accountId, String deviceId) {
        return !jdbc
            .sql("SELECT id FROM device_session WHERE device_id = ? AND account_id = ? "
                    + "AND (revoke_reason IS NULL OR revoke_reason <> 'NOT_ME') FETCH FIRST 1 ROWS ONLY")
            .params(deviceId, accountId)
            .query(String.class)
            .list()
            .isEmpty();
    }

    public List<String> activeIdsOf(String accountId, String deviceId) {
        return jdbc.sql("SELECT id FROM device_session WHERE device_id = ? AND revoked_at IS NULL AND account_id = ?")
            .params(deviceId, accountId)
            .query(String.class)
            .list();
    }

    /**
     * Ends an active session; false when it had already ended (the first one to end it
     * wins).
     */
    public boolean revoke(String id, Instant now, @Nullable String bySessionId, RevokeReason reason) {
        return jdbc
            .sql("UPDATE device_session SET revoked_at = ?, revoked_by_session_id = ?, revoke_reason = ? "
                    + "WHERE id = ? AND revoked_at IS NULL")
            .params(utc(now), bySessionId, reason.name(), id)
            .update() == 1;
    }

    /**
     * Takes the session's row lock until the transaction ends
     * ({@code SELECT ... FOR UPDATE}, by primary key) and answers whether the session is
     * still signed in; false also when there is no such session.
     */
    public boolean lockIfActive(String id) {
        return jdbc.sql("SELECT revoked_at FROM device_session WHERE id = ? FOR UPDATE")
            .param(id)
            .query((rs, n) -> rs.getObject("revoked_at") == null)
            .optional()
            .orElse(false);
    }

    public void setAccessTokenId(String id, String tokenId) {
        jdbc.sql("UPDATE device_session SET access_token_id = ? WHERE id = ?").params(tokenId, id).update();
    }

    /**
     * Moves {@code last_seen_at} to now if it is older than {@code staleBefore}; one
     * statement, by primary key.
     */
    public void touchIfSeenBefore(String id, Instant now, Instant staleBefore) {
        jdbc.sql("UPDATE device_session SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")
            .params(utc(now), id, utc(staleBefore))
            .update();
    }

    private static DeviceSession map(ResultSet rs, int row) throws SQLException {
        var device = new DeviceDescription(rs.getString("device_id"), DeviceType.valueOf(rs.getString("device_type")),
                rs.getString("name"), rs.getString("model"), rs.getString("os"), rs.getString("app_version"));
        String reason = rs.getString("revoke_reason");
        return new DeviceSession(rs.getString("id"), rs.getString("account_id"), device, rs.getString("client_id"),
                SignInMethod.valueOf(rs.getString("method")), rs.getString("network_label"), rs.getString("ip_address"),
                instant(rs, "created_at"), instant(rs, "last_seen_at"), instantOrNull(rs, "revoked_at"),
                rs.getString("revoked_by_session_id"), reason == null ? null : RevokeReason.valueOf(reason),
                rs.getString("access_token_id"), rs.getString("network_id"));
    }

}
