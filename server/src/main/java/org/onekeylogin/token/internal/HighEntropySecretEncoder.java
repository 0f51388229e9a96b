package org.onekeylogin.token.internal;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.onekeylogin.system.Hashing;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 for client secrets. Client secrets are long random strings, so a slow password
 * hash adds nothing but tens of milliseconds to every token request; comparison is
 * constant-time.
 */
public final class HighEntropySecretEncoder implements PasswordEncoder {

    public static final String ID = "sha256";

    @Override
    public String encode(CharSequence rawPassword) {
        return HexFormat.of().formatHex(digest(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(encodedPassword);
        }
        catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(digest(rawPassword), expected);
    }

    private static byte[] digest(CharSequence raw) {
        return Hashing.sha256(raw.toString());
    }

}
