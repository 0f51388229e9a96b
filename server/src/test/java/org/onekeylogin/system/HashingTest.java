package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The hashes the service stores and signs with, against published test vectors. */
class HashingTest {

    @Test
    void whenHmacIsComputedForRfc4231TestCase1ThenItMatchesThePublishedValue() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertThat(Hashing.hmacSha256Hex(key, "Hi There"))
            .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void whenHmacIsComputedForRfc4231TestCase2ThenItMatchesThePublishedValue() {
        assertThat(Hashing.hmacSha256Hex("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?"))
            .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void whenSha256IsComputedForAbcThenItMatchesFips180Example() {
        assertThat(Hashing.sha256Hex("abc"))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

}
