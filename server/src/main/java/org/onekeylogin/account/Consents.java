package org.onekeylogin.account;

/**
 * The owner's switches: may this account be recommended to devices on a home network it
 * uses, and may such a device sign in to it automatically when it is the only one
 * recommended there. Both default to on for recommendation and off for automatic sign-in.
 */
public record Consents(boolean mayRecommend, boolean mayAutoSignIn) {

    public static final Consents DEFAULTS = new Consents(true, false);

}
