package org.onekeylogin.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Wi-Fi the device is on, reported so that a home's own devices get its accounts
 * recommended and are let through a stranger's flood of sign-in requests.
 *
 * <p>
 * <b>Privacy.</b> SSID, BSSID and gateway MAC identify a place. The service keeps only
 * keyed hashes of them and never stores or logs the raw values; this class never prints
 * them either ({@link #toString()} shows the security type only). Report a network only
 * with the person's consent and the OS permission that reveals it (on Android the
 * location permission), and only while the app is in use; the SSID is optional and may be
 * left out. Build one with {@link #builder()}: it validates as the service does, so a bad
 * report fails in the app, not on the wire.
 */
public final class NetworkReport {

    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}[:-]){5}[0-9a-f]{2}");

    /** The longest {@code OneKey-Network} header the service accepts. */
    static final int MAX_HEADER_LENGTH = 512;

    private final String ssid;

    private final String bssid;

    private final String gatewayMac;

    private final WifiSecurity security;

    private NetworkReport(Builder b) {
        this.bssid = mac(b.bssid, "BSSID");
        this.gatewayMac = mac(b.gatewayMac, "gateway MAC");
        if (bssid == null && gatewayMac == null) {
            throw new IllegalArgumentException("Report the BSSID or the gateway MAC of the network");
        }
        if (b.ssid != null && (b.ssid.isBlank() || b.ssid.length() > 64)) {
            throw new IllegalArgumentException("An SSID has 1 to 64 characters");
        }
        if (b.security == null) {
            throw new IllegalArgumentException("Report the security type: open, personal or enterprise");
        }
        this.ssid = b.ssid;
        this.security = b.security;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String ssid() {
        return ssid;
    }

    /** Lower case, colon-separated. */
    public String bssid() {
        return bssid;
    }

    /** Lower case, colon-separated. */
    public String gatewayMac() {
        return gatewayMac;
    }

    public WifiSecurity security() {
        return security;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (ssid != null) {
            json.put("ssid", ssid);
        }
        if (bssid != null) {
            json.put("bssid", bssid);
        }
        if (gatewayMac != null) {
            json.put("gateway_mac", gatewayMac);
        }
        json.put("security", security.wireName());
        return json;
    }

    /**
     * The value of the event stream's {@code OneKey-Network} header: the same JSON, with
     * every non-ASCII character of the SSID written as a {@code \}{@code u} escape (HTTP
     * headers are ASCII).
     */
    public String toHeaderValue() {
        String json = Json.write(toJson());
        StringBuilder ascii = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            if (c < 0x80) {
                ascii.append(c);
            }
            else {
                ascii.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        if (ascii.length() > MAX_HEADER_LENGTH) {
            throw new IllegalStateException("The network report is longer than the header allows");
        }
        return ascii.toString();
    }

    @Override
    public String toString() {
        return "NetworkReport[" + security.wireName() + "]";
    }

    private static String mac(String value, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(v).matches()) {
            throw new IllegalArgumentException("A " + what + " looks like a4:2b:b0:12:34:56");
        }
        return v.replace('-', ':');
    }

    /** Collects the parts of a report; {@link #build()} validates them. */
    public static final class Builder {

        private String ssid;

        private String bssid;

        private String gatewayMac;

        private WifiSecurity security;

        private Builder() {
        }

        /** Optional: the network's name. */
        public Builder ssid(String ssid) {
            this.ssid = ssid;
            return this;
        }

        /** The access point's MAC address. */
        public Builder bssid(String bssid) {
            this.bssid = bssid;
            return this;
        }

        /** The default gateway's MAC address; identifies the network when given. */
        public Builder gatewayMac(String gatewayMac) {
            this.gatewayMac = gatewayMac;
            return this;
        }

        public Builder security(WifiSecurity security) {
            this.security = security;
            return this;
        }

        public NetworkReport build() {
            return new NetworkReport(this);
        }

    }

}
