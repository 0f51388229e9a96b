package org.onekeylogin.client;

/**
 * The device's session has ended (signed out here or from another device, "that wasn't
 * me", revoked or expired): its refresh token was refused. The library has removed the
 * tokens from the {@link TokenStore}; the app shows its sign-in screen.
 */
public class SignedOutException extends OneKeyException {

    SignedOutException(String message, int httpStatus) {
        super(message, httpStatus, null, null, null);
    }

}
