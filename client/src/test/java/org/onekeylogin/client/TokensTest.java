package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void whenTheAccessTokenCarriesSidAndSubThenTheyAreReadWithoutTheSignature() {
        String claims = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"sub\":\"acc-1\",\"sid\":\"ses-1\"}".getBytes(StandardCharsets.UTF_8));
        Tokens tokens = Tokens.of("eyJhbGciOiJFUzI1NiJ9." + claims + ".sig", "refresh", null, "openid", Instant.now());
        assertThat(tokens.sessionId()).isEqualTo("ses-1");
        assertThat(tokens.accountId()).isEqualTo("acc-1");
        assertThat(tokens.toString()).doesNotContain("refresh").doesNotContain(claims);
    }

    @Test
    void whenTheAccessTokenIsNotAJwtThenThereIsNoSession() {
        assertThat(Tokens.of("opaque", null, null, null, Instant.now()).sessionId()).isNull();
        assertThat(Tokens.of("a.%%%.c", null, null, null, Instant.now()).sessionId()).isNull();
    }

}
