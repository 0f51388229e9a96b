package org.onekeylogin.devicecode.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
                        + "device_os, ip_address, client_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.userCode(), r.authorizationId(), r.device().id(), r.device().type().name(), r.device().name(),
                        r.device().os(), r.ipAddress(), r.clientId(), utc(r.createdAt()), utc(r.expiresAt()))
                .update();
    }

    public Optional<DeviceCodeRequest> find(String userCode) {
        return jdbc.sql("SELECT * FROM device_code_request WHERE user_code = ?").param(userCode)
                .query((rs, n) -> new DeviceCodeRequest(rs.getString("user_code"), rs.getString("authorization_id"),
                        new DeviceDescription(rs.getString("device_id"), DeviceType.valueOf(rs.getString("device_type")),
                                rs.getString("device_name"), null, rs.getString("device_os"), null),
                        rs.getString("ip_address"), rs.getString("client_id"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    public int deleteExpired(Instant before) {
        return jdbc.sql("DELETE FROM device_code_request WHERE expires_at < ?").param(utc(before)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
