package org.onekeylogin.client;

/**
 * Where the app keeps each session's tokens, under a key it chooses (e.g. {@code "main"},
 * or one per account on a device signed in to several). Implement it over the platform's
 * protected storage (Android's EncryptedSharedPreferences or Keystore, the OS keychain on
 * a PC): the refresh token is the device's sign-in.
 *
 * <p>
 * {@link #save} must have made the tokens durable when it returns: the library calls it
 * with a rotated refresh token before it uses the new access token, because the old
 * refresh token stops working at that moment and presenting it again would end the
 * session. If {@code save} throws, the library does not use the new tokens.
 */
public interface TokenStore {

    /** The tokens kept under {@code key}, or null. */
    Tokens load(String key);

    void save(String key, Tokens tokens);

    /** Forgets the tokens, after a sign-out. */
    void remove(String key);

}
