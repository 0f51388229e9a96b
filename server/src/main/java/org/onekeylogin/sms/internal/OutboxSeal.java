package org.onekeylogin.sms.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the text of an outbox message with AES-256-GCM under a server secret, a random
 * 12-byte nonce per message, and the number and purpose it was queued for as associated
 * data: a copy of the table shows no sign-in code, and a sealed text moved to another row
 * no longer opens. Stored as base64 of nonce, ciphertext and tag.
 */
public final class OutboxSeal {

    /** The name of the server secret that is the key. */
    public static final String SECRET_NAME = "sms-outbox-aes";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    public OutboxSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 takes a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(String text, String phoneNumber, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, phoneNumber, purpose)
                .doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * The text sealed for this number and purpose; fails when the row was altered or
     * sealed under another key.
     */
    public String open(String sealed, String phoneNumber, String purpose) {
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), phoneNumber, purpose).doFinal(in,
                    NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("An outbox message does not open: altered, or sealed under another key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String phoneNumber, String purpose) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((phoneNumber + "\n" + purpose).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

}
