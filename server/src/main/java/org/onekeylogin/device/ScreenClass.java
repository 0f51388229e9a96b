package org.onekeylogin.device;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Small screens (phones, tablets) are carried by one person and act as control terminals (seed 000); large screens
 * are shared and are the ones that ask to be signed in.
 */
public enum ScreenClass {
    SMALL, LARGE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
