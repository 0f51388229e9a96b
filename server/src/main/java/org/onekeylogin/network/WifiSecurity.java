package org.onekeylogin.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.onekeylogin.system.ApiException;

/** The Wi-Fi security type a device reports: only personal (WPA-PSK/SAE) networks can be homes. */
public enum WifiSecurity {
    OPEN, PERSONAL, ENTERPRISE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WifiSecurity fromWire(String value) {
        for (WifiSecurity s : values()) {
            if (s.wireName().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw ApiException.invalid("network.security", "Security is 'open', 'personal' or 'enterprise'.");
    }
}
