package org.onekeylogin.network;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;

/**
 * What a device reports about its Wi-Fi. These raw values are hashed on arrival and never
 * stored or logged. A network is identified by its gateway MAC when known, else by the
 * access point's BSSID.
 */
public record NetworkReport(@Nullable String ssid, @Nullable String bssid, @Nullable String gatewayMac,
        WifiSecurity security) {

    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}[:-]){5}[0-9a-f]{2}");

    public NetworkReport {
        bssid = mac(bssid, "network.bssid");
        gatewayMac = mac(gatewayMac, "network.gateway_mac");
        if (bssid == null && gatewayMac == null) {
            throw ApiException.invalid("network", "Report the BSSID or the gateway MAC of the network.");
        }
        if (ssid != null && (ssid.length() > 64 || ssid.isBlank())) {
            throw ApiException.invalid("network.ssid", "An SSID has 1 to 64 characters.");
        }
        if (security == null) {
            throw ApiException.invalid("network.security", "Report the security type: open, personal or enterprise.");
        }
    }

    /** The value that identifies the network, with its kind, before hashing. */
    String identity() {
        return gatewayMac != null ? "gateway:" + gatewayMac : "bssid:" + bssid;
    }

    private static @Nullable String mac(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(v).matches()) {
            throw ApiException.invalid(field, "A MAC address looks like a4:2b:b0:12:34:56.");
        }
        return v.replace('-', ':');
    }

    @Override
    public String toString() {
        return "NetworkReport[" + security.wireName() + "]";
    }
}
