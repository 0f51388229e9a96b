package org.onekeylogin.device;

import org.onekeylogin.system.WireEnum;

/** Why a session ended. */
public enum RevokeReason implements WireEnum {

    /** The device signed itself out. */
    SIGNED_OUT,
    /** Another device of the account signed it out. */
    REMOTE_SIGN_OUT,
    /** The owner said the sign-in was not theirs. */
    NOT_ME,
    /** The same device signed in to the same account again. */
    REPLACED,
    /** Its refresh token was revoked through the OAuth2 revocation endpoint. */
    TOKEN_REVOKED,
    /**
     * An already exchanged refresh token was presented again: a copy of it exists
     * somewhere.
     */
    REFRESH_TOKEN_REUSED,
    /**
     * Its refresh token expired: the device was not used for as long as a refresh token
     * lives.
     */
    EXPIRED;

}
