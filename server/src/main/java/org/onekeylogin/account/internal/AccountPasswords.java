package org.onekeylogin.account.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.onekeylogin.system.Hashing;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Account passwords, stored as bcrypt of the password's SHA-256
 * ({@code {bcrypt-sha256}}). bcrypt reads at most 72 bytes, and a password of up to 128
 * characters can be four times that in UTF-8: hashing first lets every character count
 * and keeps bcrypt's cost, so two long passwords that share their first 72 bytes are
 * still different. Hashes stored as plain {@code {bcrypt}} by earlier versions still
 * verify.
 *
 * <p>
 * Kept apart from the authorization server's encoder for client secrets on purpose:
 * Spring's client authentication re-encodes a secret whose encoding is not the encoder's
 * default, and client secrets must stay on their fast hash.
 */
@Component
public class AccountPasswords {

    private static final String ID = "bcrypt-sha256";

    private static final int BCRYPT_MAX_BYTES = 72;

    private final PasswordEncoder encoder;

    public AccountPasswords() {
        var bcrypt = new BCryptPasswordEncoder();
        this.encoder = new DelegatingPasswordEncoder(ID,
                Map.of(ID, new PrehashedBcrypt(bcrypt), "bcrypt", new PlainBcrypt(bcrypt)));
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String stored) {
        return encoder.matches(password, stored);
    }

    private record PrehashedBcrypt(BCryptPasswordEncoder bcrypt) implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(prehash(raw));
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return bcrypt.matches(prehash(raw), encoded);
        }

        /**
         * 44 ASCII characters, within bcrypt's 72 bytes and free of the NUL bytes bcrypt
         * would stop at.
         */
        private static String prehash(CharSequence raw) {
            return Base64.getEncoder().encodeToString(Hashing.sha256(raw.toString()));
        }
    }

    /**
     * Hashes of earlier versions; a password longer than bcrypt can read can never have
     * produced one.
     */
    private record PlainBcrypt(BCryptPasswordEncoder bcrypt) implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            throw new UnsupportedOperationException("New passwords are stored as " + ID);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return raw.toString().getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES
                    && bcrypt.matches(raw, encoded);
        }
    }

}
