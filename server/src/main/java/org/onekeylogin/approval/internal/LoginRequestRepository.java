package org.onekeylogin.approval.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.instantOrNull;
import static org.onekeylogin.system.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.approval.DenyReason;
import org.onekeylogin.approval.LoginRequest;
import org.onekeylogin.approval.LoginRequestState;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Login requests, their terminals and blocks. Every query is served by a key or an index
 * of V2, V12 and V16.
 */
@Repository
public class LoginRequestRepository {

    /** A control terminal a request was sent to. */
    public record Terminal(String sessionId, String deviceId) {
    }

    private static final String COLUMNS = "id, account_id, client_id, device_id, device_type, device_name, "
            + "device_model, device_os, device_app_version, ip_address, scopes, binding_message, verification_code, "
            + "state, deny_reason, decided_by_session_id, poll_interval_seconds, last_polled_at, notification_token, "
            + "created_at, expires_at, network_id";

    private static final String PREFIXED_COLUMNS = "r." + COLUMNS.replace(", ", ", r.");

    private final JdbcClient jdbc;

    public LoginRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a request; {@code pingAuthReqId} is kept only for CIBA ping mode, whose
     * notification names it.
     */
    public void insert(LoginRequest r, String secretHash, @Nullable String pingAuthReqId, List<Terminal> terminals) {
        DeviceDescription d = r.device();
        jdbc.sql("INSERT INTO login_request (id, account_id, client_id, device_id, device_type, device_name, "
                + "device_model, device_os, device_app_version, ip_address, scopes, binding_message, "
                + "verification_code, state, poll_interval_seconds, notification_token, created_at, expires_at, "
                + "secret_hash, ciba_auth_req_id, network_id) VALUES (:id, :account, :client, :device, :type, "
                + ":name, :model, :os, :appVersion, :ip, :scopes, :bindingMessage, :code, :state, :pollInterval, "
                + ":notificationToken, :createdAt, :expiresAt, :secretHash, :pingAuthReqId, :network)")
            .param("id", r.id())
            .param("account", r.accountId())
            .param("client", r.clientId())
            .param("device", d.id())
            .param("type", d.type().name())
            .param("name", d.name())
            .param("model", d.model())
            .param("os", d.os())
            .param("appVersion", d.appVersion())
            .param("ip", r.ipAddress())
            .param("scopes", String.join(" ", r.scopes()))
            .param("bindingMessage", r.bindingMessage())
            .param("code", r.verificationCode())
            .param("state", r.state().name())
            .param("pollInterval", r.pollIntervalSeconds())
            .param("notificationToken", r.notificationToken())
            .param("createdAt", utc(r.createdAt()))
            .param("expiresAt", utc(r.expiresAt()))
            .param("secretHash", secretHash)
            .param("pingAuthReqId", pingAuthReqId)
            .param("network", r.networkId())
            .update();
        for (Terminal t : terminals) {
            jdbc.sql("INSERT INTO login_request_terminal (request_id, session_id, device_id, open_until) "
                    + "VALUES (?, ?, ?, ?)")
                .params(r.id(), t.sessionId(), t.deviceId(), utc(r.expiresAt()))
                .update();
        }
    }

    public Optional<LoginRequest> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM login_request WHERE id = ?")
            .param(id)
            .query(LoginRequestRepository::map)
            .optional();
    }

    public Optional<LoginRequest> findBySecretHash(String secretHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM login_request WHERE secret_hash = ?")
            .param(secretHash)
            .query(LoginRequestRepository::map)
            .optional();
    }

    public Optional<String> pingAuthReqId(String id) {
        return jdbc.sql("SELECT ciba_auth_req_id FROM login_request WHERE id = ?")
            .param(id)
            .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
            .single();
    }

    /** A request and the terminals it was sent to. */
    public record WithTerminals(LoginRequest request, List<Terminal> terminals) {
    }

    /** The request with its terminals, in one statement. */
    public Optional<WithTerminals> findWithTerminals(String id) {
        List<Map.Entry<LoginRequest, Terminal>> rows = jdbc
            .sql("SELECT " + PREFIXED_COLUMNS + ", t.session_id AS terminal_session_id, "
                    + "t.device_id AS terminal_device_id FROM login_request r "
                    + "LEFT JOIN login_request_terminal t ON t.request_id = r.id WHERE r.id = ?")
            .param(id)
            .query((rs, n) -> Map.entry(map(rs, n),
                    new Terminal(rs.getString("terminal_session_id"), rs.getString("terminal_device_id"))))
            .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Terminal> terminals = rows.stream().map(Map.Entry::getValue).filter(t -> t.sessionId() != null).toList();
        return Optional.of(new WithTerminals(rows.getFirst().getKey(), terminals));
    }

    public List<Terminal> terminals(String requestId) {
        return jdbc.sql("SELECT session_id, device_id FROM login_request_terminal WHERE request_id = ?")
            .param(requestId)
            .query((rs, n) -> new Terminal(rs.getString(1), rs.getString(2)))
            .list();
    }

    /**
     * Requests sent to this terminal session that are still open: undecided and
     * unexpired. Only the terminal rows are searched ({@code open_until} ends at the
     * decision), so decided requests are never read.
     */
    public List<LoginRequest> pendingFor(String sessionId, Instant now) {
        return jdbc
            .sql("SELECT r." + COLUMNS.replace(", ", ", r.") + " FROM login_request_terminal t "
                    + "JOIN login_request r ON r.id = t.request_id "
                    + "WHERE t.session_id = ? AND t.open_until > ? ORDER BY r.created_at")
            .params(sessionId, utc(now))
            .query(LoginRequestRepository::map)
            .list();
    }

    /**
     * When the newest {@code limit} requests for an account since {@code since} were
     * created, oldest first (the anti-fatigue window); reads at most {@code limit} rows
     * however busy the account is.
     */
    public List<Instant> newestSince(String accountId, Instant since, int limit) {
        return newest("", accountId, since, limit);
    }

    /**
     * As {@link #newestSince}, for the requests of this account from one requesting
     * device.
     */
    public List<Instant> newestFromDevice(String accountId, String deviceId, Instant since, int limit) {
        return newest(" AND device_id = ?", accountId, since, limit, deviceId);
    }

    /**
     * As {@link #newestSince}, for the requests of this account from one requesting
     * address.
     */
    public List<Instant> newestFromAddress(String accountId, String ip, Instant since, int limit) {
        return newest(" AND ip_address = ?", accountId, since, limit, ip);
    }

    private List<Instant> newest(String requester, String accountId, Instant since, int limit, Object... value) {
        List<Object> params = new ArrayList<>(List.of(accountId));
        params.addAll(List.of(value));
        params.add(utc(since));
        List<Instant> newest = new ArrayList<>(jdbc
            .sql("SELECT created_at FROM login_request WHERE account_id = ?" + requester
                    + " AND created_at >= ? ORDER BY created_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
            .params(params)
            .query((rs, n) -> instant(rs, 1))
            .list());
        Collections.reverse(newest);
        return newest;
    }

    /** The open request of this account from this device, if any. */
    public Optional<LoginRequest> openFrom(String accountId, String deviceId, Instant now) {
        return jdbc
            .sql("SELECT " + COLUMNS + " FROM login_request WHERE device_id = ? AND account_id = ? "
                    + "AND state = 'PENDING' AND expires_at > ?")
            .params(deviceId, accountId, utc(now))
            .query(LoginRequestRepository::map)
            .list()
            .stream()
            .findFirst();
    }

    /**
     * Moves a request from one state to another if nobody else moved it first; false when
     * it was no longer in {@code from} (the first decision wins). A request leaving
     * {@code PENDING} is closed on its terminals, so their lists of open requests stop
     * reading it.
     */
    public boolean transition(String id, LoginRequestState from, LoginRequestState to, @Nullable DenyReason reason,
            @Nullable String bySessionId, Instant now) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("Illegal login request transition " + from + " -> " + to);
        }
        boolean moved = jdbc
            .sql("UPDATE login_request SET state = ?, deny_reason = COALESCE(?, deny_reason), "
                    + "decided_by_session_id = COALESCE(?, decided_by_session_id), decided_at = ? "
                    + "WHERE id = ? AND state = ?")
            .params(to.name(), reason == null ? null : reason.name(), bySessionId, utc(now), id, from.name())
            .update() == 1;
        if (moved && from == LoginRequestState.PENDING) {
            jdbc.sql("UPDATE login_request_terminal SET open_until = ? WHERE request_id = ?")
                .params(utc(now), id)
                .update();
        }
        return moved;
    }

    /**
     * Redeems an approval for the session it signs in: one conditional update, so of
     * redemptions racing on any node exactly one moves it and learns so.
     */
    public boolean consume(String id, String sessionId, Instant now) {
        return jdbc
            .sql("UPDATE login_request SET state = 'CONSUMED', session_id = ?, decided_at = ? "
                    + "WHERE id = ? AND state = 'APPROVED'")
            .params(sessionId, utc(now), id)
            .update() == 1;
    }

    public void markPolled(String id, Instant now, int intervalSeconds) {
        jdbc.sql("UPDATE login_request SET last_polled_at = ?, poll_interval_seconds = ? WHERE id = ?")
            .params(utc(now), intervalSeconds, id)
            .update();
    }

    /**
     * Open requests whose time is up, for the sweeper that tells terminals and clients.
     */
    public List<LoginRequest> overdue(Instant now, int limit) {
        return jdbc
            .sql("SELECT " + COLUMNS + " FROM login_request WHERE state IN ('PENDING', 'APPROVED') "
                    + "AND expires_at <= ? ORDER BY expires_at FETCH FIRST " + limit + " ROWS ONLY")
            .param(utc(now))
            .query(LoginRequestRepository::map)
            .list();
    }

    /** Moves the end of an existing block; false when there is none to move. */
    public boolean extendBlock(String accountId, String kind, String value, Instant until) {
        return jdbc
            .sql("UPDATE approval_block SET until_at = ? WHERE account_id = ? AND blocked_kind = ? "
                    + "AND blocked_value = ?")
            .params(utc(until), accountId, kind, value)
            .update() == 1;
    }

    public void unblock(String accountId, String kind, String value) {
        jdbc.sql("DELETE FROM approval_block WHERE account_id = ? AND blocked_kind = ? AND blocked_value = ?")
            .params(accountId, kind, value)
            .update();
    }

    /** Adds a block; fails on the key when one exists. */
    public void insertBlock(String accountId, String kind, String value, Instant until) {
        jdbc.sql("INSERT INTO approval_block (account_id, blocked_kind, blocked_value, until_at) VALUES (?, ?, ?, ?)")
            .params(accountId, kind, value, utc(until))
            .update();
    }

    /**
     * The latest end of any block on this account for this device, address or network, if
     * one is in force; a {@code null} address or network matches no block.
     */
    public Optional<Instant> blockedUntil(String accountId, @Nullable String deviceId, @Nullable String ip,
            @Nullable String networkId, Instant now) {
        return jdbc
            .sql("SELECT MAX(until_at) FROM approval_block WHERE account_id = ? AND until_at > ? AND "
                    + "((blocked_kind = 'device' AND blocked_value = ?) OR (blocked_kind = 'ip' AND blocked_value = ?) "
                    + "OR (blocked_kind = 'network' AND blocked_value = ?))")
            .params(accountId, utc(now), deviceId == null ? "" : deviceId, ip == null ? "" : ip,
                    networkId == null ? "" : networkId)
            .query((rs, n) -> Optional.ofNullable(instantOrNull(rs, 1)))
            .single();
    }

    /**
     * Remembers that the account's owner disowned this device; fails on the key when it
     * already was.
     */
    public void disown(String accountId, String deviceId, Instant now) {
        jdbc.sql("INSERT INTO approval_disowned_device (account_id, device_id, disowned_at) VALUES (?, ?, ?)")
            .params(accountId, deviceId, utc(now))
            .update();
    }

    public boolean isDisowned(String accountId, String deviceId) {
        return !jdbc.sql("SELECT device_id FROM approval_disowned_device WHERE account_id = ? AND device_id = ?")
            .params(accountId, deviceId)
            .query(String.class)
            .list()
            .isEmpty();
    }

    private static LoginRequest map(ResultSet rs, int row) throws SQLException {
        var device = new DeviceDescription(rs.getString("device_id"), DeviceType.valueOf(rs.getString("device_type")),
                rs.getString("device_name"), rs.getString("device_model"), rs.getString("device_os"),
                rs.getString("device_app_version"));
        String reason = rs.getString("deny_reason");
        String scopes = rs.getString("scopes");
        return new LoginRequest(rs.getString("id"), rs.getString("account_id"), rs.getString("client_id"), device,
                rs.getString("ip_address"),
                scopes.isBlank() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.split(" "))),
                rs.getString("binding_message"), rs.getString("verification_code"),
                LoginRequestState.valueOf(rs.getString("state")), reason == null ? null : DenyReason.valueOf(reason),
                rs.getString("decided_by_session_id"), rs.getInt("poll_interval_seconds"),
                instantOrNull(rs, "last_polled_at"), rs.getString("notification_token"), instant(rs, "created_at"),
                instant(rs, "expires_at"), rs.getString("network_id"));
    }

}
