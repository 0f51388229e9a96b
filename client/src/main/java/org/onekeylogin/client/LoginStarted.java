package org.onekeylogin.client;

/**
 * A one-key sign-in request the account's phones were asked about. Show
 * {@link #verificationCode()} large on screen: the person types it on the phone.
 * {@link #authReqId()} is this device's secret handle on the request; never show it.
 */
public final class LoginStarted {

    private String authReqId;

    private String verificationCode;

    private long expiresIn;

    private int interval;

    private int controlTerminals;

    private LoginStarted() {
    }

    public String authReqId() {
        return authReqId;
    }

    public String verificationCode() {
        return verificationCode;
    }

    /** Seconds until the request expires (120 by default). */
    public long expiresIn() {
        return expiresIn;
    }

    /** The polling interval in seconds, for clients that cannot long-poll. */
    public int interval() {
        return interval;
    }

    /** How many phones or tablets were asked. */
    public int controlTerminals() {
        return controlTerminals;
    }

    @Override
    public String toString() {
        return "LoginStarted[expiresIn=" + expiresIn + ", controlTerminals=" + controlTerminals + "]";
    }

}
