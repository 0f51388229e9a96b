package org.onekeylogin.devicecode.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which device asked for which user code, kept until the code expires. */
@Repository
public class DeviceCodeRequestStore {

    /** A device's request for a device code, as the approving phone is shown it. */
    public record DeviceCodeRequest(String userCode, String authorizationId, DeviceDescription device,
            @Nullable String ipAddress, String clientId, Instant createdAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    public DeviceCodeRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(DeviceCodeRequest r) {
        jdbc.sql("INSERT INTO device_code_request (user_code, authorization_id, device_id, device_type, device_name, "
                + "device_os, ip_address, client_id, created_at, expires_at) VALUES (:userCode, :authorization, "
                + ":device, :type, :name, :os, :ip, :client, :createdAt, :expiresAt)")
            .param("userCode", r.userCode())
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
            .param(userCode)
            .query(String.class)
            .optional()
            .isPresent();
    }

    public Optional<DeviceCodeRequest> find(String userCode) {
        return jdbc.sql("SELECT * FROM device_code_request WHERE user_code = ?")
            .param(userCode)
            .query((rs, n) -> new DeviceCodeRequest(rs.getString("user_code"), rs.getString("authorization_id"),
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
