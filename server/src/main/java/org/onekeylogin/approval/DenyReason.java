package org.onekeylogin.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.onekeylogin.system.ApiException;

/** Why a person denied a sign-in: an honest mistake, or someone else trying to get in. */
public enum DenyReason {
    MISTAKE, NOT_ME;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DenyReason fromWire(String value) {
        for (DenyReason r : values()) {
            if (r.wireName().equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw ApiException.invalid("reason", "The reason is 'mistake' or 'not_me'.");
    }
}
