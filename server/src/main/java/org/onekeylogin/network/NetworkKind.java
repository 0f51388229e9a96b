package org.onekeylogin.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a network is taken to be. Only {@link #HOME} networks get account recommendations (seed 002 claim 6). */
public enum NetworkKind {
    HOME, OFFICE, PUBLIC, UNKNOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static NetworkKind fromWire(String value) {
        for (NetworkKind k : values()) {
            if (k.wireName().equalsIgnoreCase(value)) {
                return k;
            }
        }
        throw org.onekeylogin.system.ApiException.invalid("kind", "The kind is 'home', 'office' or 'public'.");
    }
}
