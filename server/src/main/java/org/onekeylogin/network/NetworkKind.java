package org.onekeylogin.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.onekeylogin.system.WireEnum;

/**
 * What a network is taken to be. Only {@link #HOME} networks get account recommendations
 * (the secure-network rule).
 */
public enum NetworkKind implements WireEnum {

    HOME, OFFICE, PUBLIC, UNKNOWN;

    @JsonCreator
    public static NetworkKind fromWire(String value) {
        return WireEnum.fromWire(NetworkKind.class, value, "kind", "The kind is 'home', 'office' or 'public'.");
    }

}
