package org.onekeylogin.client;

import java.time.Instant;
import java.util.List;

/** What the phone shows about a scanned QR code before the person approves it. */
public final class DeviceCodeDetails {

    private String userCode;

    private String deviceType;

    private String deviceName;

    private String deviceOs;

    private String ipAddress;

    private String requestedAt;

    private String expiresAt;

    private List<String> scopes = List.of();

    private DeviceCodeDetails() {
    }

    public String userCode() {
        return userCode;
    }

    public String deviceType() {
        return deviceType;
    }

    public String deviceName() {
        return deviceName;
    }

    public String deviceOs() {
        return deviceOs;
    }

    public String ipAddress() {
        return ipAddress;
    }

    public Instant requestedAt() {
        return requestedAt == null ? null : Instant.parse(requestedAt);
    }

    public Instant expiresAt() {
        return expiresAt == null ? null : Instant.parse(expiresAt);
    }

    public List<String> scopes() {
        return scopes == null ? List.of() : List.copyOf(scopes);
    }

}
