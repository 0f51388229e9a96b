package org.onekeylogin.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Outbox texts sealed with AES-256-GCM: they open for their own row only. */
class OutboxSealTest {

    private static final String TEXT = "Your OneKey sign-in code is 493817. It expires in 5 minutes. Never share it.";

    private final OutboxSeal seal = new OutboxSeal(key());

    @Test
    void aSealedTextOpensToTheTextAndShowsNothingOfIt() {
        String sealed = seal.seal(TEXT, "+441234567890", "sign_in_code");
        assertThat(sealed).doesNotContain("493817").doesNotContain("sign-in");
        assertThat(seal.open(sealed, "+441234567890", "sign_in_code")).isEqualTo(TEXT);
    }

    @Test
    void eachMessageHasItsOwnNonce() {
        assertThat(seal.seal(TEXT, "+441234567890", "sign_in_code"))
            .isNotEqualTo(seal.seal(TEXT, "+441234567890", "sign_in_code"));
    }

    @Test
    void aSealedTextMovedToAnotherNumberOrOpenedWithAnotherKeyDoesNotOpen() {
        String sealed = seal.seal(TEXT, "+441234567890", "sign_in_code");
        assertThatThrownBy(() -> seal.open(sealed, "+449999999999", "sign_in_code"))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> seal.open(sealed, "+441234567890", "notice"))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new OutboxSeal(key()).open(sealed, "+441234567890", "sign_in_code"))
            .isInstanceOf(IllegalStateException.class);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

}
