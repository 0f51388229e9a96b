package org.onekeylogin.device;

import org.onekeylogin.system.WireEnum;

/**
 * How a session was created. Carried into the token's {@code amr} claim so that services
 * can ask for a step-up before payments or account changes when the sign-in did not
 * involve a secret.
 */
public enum SignInMethod implements WireEnum {

    PASSWORD("pwd"), PHONE_APPROVAL("mca"), RECOMMENDATION("home_network"), QR_CODE("mca"), SMS_CODE("sms"),
    DEVICE_HISTORY("device_history");

    private final String amr;

    SignInMethod(String amr) {
        this.amr = amr;
    }

    /** The RFC 8176 authentication method reference (or our own where none fits). */
    public String amr() {
        return amr;
    }

}
