package org.onekeylogin.client;

/**
 * The answer to asking for an SMS code; the same whether or not the number has an
 * account, so it reveals nothing about who is registered.
 */
public final class SmsCodeSent {

    private long expiresIn;

    private long resendAfter;

    private SmsCodeSent() {
    }

    /** Seconds the code stays valid. */
    public long expiresIn() {
        return expiresIn;
    }

    /** Seconds before another code may be asked for. */
    public long resendAfter() {
        return resendAfter;
    }

}
