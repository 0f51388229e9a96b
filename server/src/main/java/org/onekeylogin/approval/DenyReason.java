package org.onekeylogin.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.onekeylogin.system.WireEnum;

/** Why a person denied a sign-in: an honest mistake, or someone else trying to get in. */
public enum DenyReason implements WireEnum {

    MISTAKE, NOT_ME;

    @JsonCreator
    public static DenyReason fromWire(String value) {
        return WireEnum.fromWire(DenyReason.class, value, "reason", "The reason is 'mistake' or 'not_me'.");
    }

}
