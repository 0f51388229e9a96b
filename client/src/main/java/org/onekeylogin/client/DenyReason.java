package org.onekeylogin.client;

import java.util.Locale;

/** Why the phone declines a sign-in request. */
public enum DenyReason {

    /** The person asked by mistake, or changed their mind. Nothing is blocked. */
    MISTAKE,
    /**
     * "That wasn't me": the requesting device, its address and network are blocked for
     * the account for 24 hours and the account leaves that device's sign-in screen.
     */
    NOT_ME;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

}
