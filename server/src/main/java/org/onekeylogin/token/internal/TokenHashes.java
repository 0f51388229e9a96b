package org.onekeylogin.token.internal;

import java.util.Locale;
import org.onekeylogin.system.Hashing;

/**
 * What the authorization store keeps instead of a token: {@code h1:} and the token's
 * HMAC-SHA256 (hex) under a server secret. A lookup hashes the value presented and
 * compares hashes, one indexed equality as before; a copy of the database holds no token
 * that could be presented, and without the key its hashes cannot be tested against
 * guesses either, which matters for the short user codes.
 *
 * <p>
 * An authorization read from the store carries these stored hashes as its token values,
 * and it is saved again after every change (a refresh, a revocation, an approval), so
 * storing passes a stored hash through unchanged: no token this service issues contains
 * {@code :} (JWTs and base64url strings, user codes of letters and a dash), so the mark
 * cannot be confused with a token. A presented value is always hashed, even when it looks
 * like a stored hash: otherwise the hashes in a copy of the database would work as
 * tokens.
 *
 * <p>
 * User codes are hashed in Spring's normal form ({@code BCDF-GHJK}, upper case, a dash
 * after four letters), the form it issues them in and that the phone's lookup and
 * Spring's verification endpoint turn a typed code into, so {@code bcdfghjk} finds the
 * same code.
 */
public final class TokenHashes {

    /** The name of the server secret that keys the hashes. */
    public static final String SECRET_NAME = "token-hmac";

    static final String MARK = "h1:";

    private static final int HEX_LENGTH = 64;

    private final byte[] key;

    public TokenHashes(byte[] key) {
        this.key = key.clone();
    }

    /** The stored form to compare with when {@code presented} is looked up. */
    public String lookup(String presented) {
        return MARK + Hashing.hmacSha256Hex(key, presented);
    }

    /** The stored form to compare with when a user code is looked up, however typed. */
    public String lookupUserCode(String presented) {
        return lookup(normalUserCode(presented));
    }

    /** What is stored for a token value: its hash, or the value when it is a hash. */
    public String stored(String value) {
        return isStoredHash(value) ? value : lookup(value);
    }

    /** What is stored for a user code: the hash of its normal form, or a stored hash. */
    public String storedUserCode(String value) {
        return isStoredHash(value) ? value : lookupUserCode(value);
    }

    static boolean isStoredHash(String value) {
        return value.length() == MARK.length() + HEX_LENGTH && value.startsWith(MARK)
                && value.chars().skip(MARK.length()).allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /**
     * Spring's normal form of a user code: letters and digits in upper case, a dash after
     * the fourth of eight; anything else unchanged but for case and separators.
     */
    static String normalUserCode(String typed) {
        String letters = typed.toUpperCase(Locale.ENGLISH).replaceAll("[^A-Z\\d]+", "");
        return letters.length() == 8 ? letters.substring(0, 4) + "-" + letters.substring(4) : letters;
    }

}
