package org.onekeylogin.client;

import java.util.Locale;

/** The Wi-Fi's security type, as the device's OS reports it. */
public enum WifiSecurity {

    /** No password. */
    OPEN,
    /** A shared password (WPA2/WPA3 Personal), as in a home. */
    PERSONAL,
    /** Per-user credentials (802.1X), as in an office. */
    ENTERPRISE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

}
