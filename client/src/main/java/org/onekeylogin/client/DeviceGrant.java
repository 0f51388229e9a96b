package org.onekeylogin.client;

/**
 * A started QR-code sign-in (OAuth 2.0 device authorization grant, RFC 8628). Show the QR
 * code of {@link #verificationUriComplete()} and {@link #userCode()}; the signed-in phone
 * scans or types it and approves. {@link #deviceCode()} is this device's secret.
 */
public final class DeviceGrant {

    private String deviceCode;

    private String userCode;

    private String verificationUri;

    private String verificationUriComplete;

    private long expiresIn;

    private Integer interval;

    private DeviceGrant() {
    }

    public String deviceCode() {
        return deviceCode;
    }

    /** {@code XXXX-XXXX}, to show under the QR code. */
    public String userCode() {
        return userCode;
    }

    public String verificationUri() {
        return verificationUri;
    }

    /** What the QR code encodes. */
    public String verificationUriComplete() {
        return verificationUriComplete;
    }

    public long expiresIn() {
        return expiresIn;
    }

    /** Seconds between polls (5 when the service names none). */
    public int interval() {
        return interval == null ? 5 : interval;
    }

    @Override
    public String toString() {
        return "DeviceGrant[userCode=" + userCode + ", expiresIn=" + expiresIn + "]";
    }

}
