package org.onekeylogin.system;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/** {@link SecretGenerator} backed by one shared {@link SecureRandom}. */
@Component
class SecureRandomSecretGenerator implements SecretGenerator {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String token(int bits) {
        byte[] bytes = new byte[(bits + 7) / 8];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String digits(int length) {
        return fromAlphabet("0123456789", length);
    }

    @Override
    public String fromAlphabet(String alphabet, int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

}
