package org.onekeylogin.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 for high-entropy secrets that are stored only as hashes (auth_req_id, sign-in
 * handles, client secrets): with 128 bits or more of randomness, a fast hash is enough,
 * and lookups stay one indexed equality.
 *
 * <p>
 * HMAC-SHA256 (RFC 2104) where a hash must need a key: network identifiers have little
 * entropy, so only a keyed hash keeps a copy of the tables from revealing them, and a
 * webhook signature proves the message came from us.
 */
public final class Hashing {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private Hashing() {
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    /**
     * HMAC-SHA256 of {@code value} in UTF-8, keyed with {@code key}, as lower-case hex.
     */
    public static String hmacSha256Hex(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

}
