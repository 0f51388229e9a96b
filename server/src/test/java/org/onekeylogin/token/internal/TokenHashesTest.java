package org.onekeylogin.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.onekeylogin.system.Hashing;

/**
 * The stored form of tokens: an HMAC-SHA256 that matches the RFC 4231 vectors, marked so
 * that saving a stored hash again keeps it, while a presented value is always hashed.
 */
class TokenHashesTest {

    private static final byte[] JEFE = "Jefe".getBytes(StandardCharsets.UTF_8);

    private static final String RFC_4231_CASE_2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    private final TokenHashes hashes = new TokenHashes(JEFE);

    @Test
    void theHashIsTheRfc4231HmacSha256OfTheTokenWithTheMark() {
        assertThat(Hashing.hmacSha256Hex(JEFE, "what do ya want for nothing?")).isEqualTo(RFC_4231_CASE_2);
        assertThat(hashes.lookup("what do ya want for nothing?")).isEqualTo("h1:" + RFC_4231_CASE_2);
        assertThat(hashes.stored("what do ya want for nothing?")).isEqualTo("h1:" + RFC_4231_CASE_2);
    }

    @Test
    void aStoredHashIsStoredUnchangedButAPresentedOneIsHashedAgain() {
        String stored = hashes.stored("eyJhbGciOiJFUzI1NiJ9.payload.signature");
        assertThat(hashes.stored(stored)).isEqualTo(stored);
        assertThat(hashes.storedUserCode(stored)).isEqualTo(stored);
        assertThat(hashes.lookup(stored)).as("the hashes in a copy of the database are no tokens")
            .isNotEqualTo(stored)
            .startsWith("h1:");
        assertThat(hashes.stored("h1:" + RFC_4231_CASE_2.toUpperCase())).as("only the exact stored form passes")
            .isNotEqualTo("h1:" + RFC_4231_CASE_2.toUpperCase());
        assertThat(hashes.stored("h1:short")).isNotEqualTo("h1:short");
    }

    @Test
    void aUserCodeIsFoundHoweverItIsTyped() {
        String issued = hashes.storedUserCode("BCDF-GHJK");
        assertThat(issued).isEqualTo(hashes.lookup("BCDF-GHJK"));
        for (String typed : new String[] { "bcdf-ghjk", "BCDFGHJK", "bcdfghjk", " bcdf ghjk ", "Bcdf–ghjk" }) {
            assertThat(hashes.lookupUserCode(typed)).as(typed).isEqualTo(issued);
        }
        assertThat(hashes.lookupUserCode("BCDF-GHJL")).isNotEqualTo(issued);
    }

    @Test
    void anotherKeyGivesOtherHashes() {
        assertThat(new TokenHashes("another key".getBytes(StandardCharsets.UTF_8)).lookup("token"))
            .isNotEqualTo(hashes.lookup("token"));
    }

}
