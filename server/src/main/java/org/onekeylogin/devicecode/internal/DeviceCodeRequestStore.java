package org.onekeylogin.devicecode.internal;

import org.onekeylogin.devicecode.UserCode;
import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.ServerSecrets;
import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which device asked for which user code, kept until the code expires. The code itself is
 * not stored: the row is keyed by an HMAC of the code in its normal form (key
 * {@code device-code-hmac} in {@code server_secret}), and every lookup hashes the code it
 * was given, so a copy of the table cannot be used to approve a device.
 */
@Repository
public class DeviceCodeRequestStore {

    /** A device's request for a device code, as the approving phone is shown it. */
    public record DeviceCodeRequest(String userCode, String authorizationId, DeviceDescription device,
            @Nullable String ipAddress, String clientId, Instant createdAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    private final byte[] key;

    public DeviceCodeRequestStore(JdbcClient jdbc, ServerSecrets secrets) {
        this.jdbc = jdbc;
        this.key = secrets.named("device-code-hmac");
    }

    private String hash(String userCode) {
        return Hashing.hmacSha256Hex(key, UserCode.normalize(userCode));
    }

    public void insert(DeviceCodeRequest r) {
        jdbc.sql("INSERT INTO device_code_request (user_code, authorization_id, device_id, device_type, device_name, "
                + "device_os, ip_address, client_id, created_at, expires_at) VALUES (:userCode, :authorization, "
                + ":device, :type, :name, :os, :ip, :client, :createdAt, :expiresAt)")
            .param("userCode", hash(r.userCode()))
            .param("authorization", r.authorizationId())
            .param("device", r.device().id())
            .param("type", r.device().type().name())
            .param("name", r.device().name())
            .param("os", r.device().os())
            .param("ip", r.ipAddress())
            .param("client", r.clientId())
            .param("createdAt", utc(r.createdAt()))
            .param("expiresAt", utc(r.expiresAt()))
            .update();
    }

    /**
     * Takes the request's row lock until the transaction ends
     * ({@code SELECT ... FOR UPDATE} by primary key), so the decisions on one code
     * (approve, deny, on any node) happen one after the other. False when there is no
     * request.
     */
    public boolean lock(String userCode) {
        return jdbc.sql("SELECT user_code FROM device_code_request WHERE user_code = ? FOR UPDATE")
            .param(hash(userCode))
            .query(String.class)
            .optional()
            .isPresent();
    }

    public Optional<DeviceCodeRequest> find(String userCode) {
        return jdbc.sql("SELECT * FROM device_code_request WHERE user_code = ?")
            .param(hash(userCode))
            .query((rs, n) -> new DeviceCodeRequest(UserCode.normalize(userCode), rs.getString("authorization_id"),
                    new DeviceDescription(rs.getString("device_id"), DeviceType.valueOf(rs.getString("device_type")),
                            rs.getString("device_name"), null, rs.getString("device_os"), null),
                    rs.getString("ip_address"), rs.getString("client_id"), instant(rs, "created_at"),
                    instant(rs, "expires_at")))
            .optional();
    }

    public int deleteExpired(Instant before) {
        return jdbc.sql("DELETE FROM device_code_request WHERE expires_at < ?").param(utc(before)).update();
    }

}
