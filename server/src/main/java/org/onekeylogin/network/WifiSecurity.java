package org.onekeylogin.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.onekeylogin.system.WireEnum;

/**
 * The Wi-Fi security type a device reports: only personal (WPA-PSK/SAE) networks can be
 * homes.
 */
public enum WifiSecurity implements WireEnum {

    OPEN, PERSONAL, ENTERPRISE;

    @JsonCreator
    public static WifiSecurity fromWire(String value) {
        return WireEnum.fromWire(WifiSecurity.class, value, "network.security",
                "Security is 'open', 'personal' or 'enterprise'.");
    }

}
