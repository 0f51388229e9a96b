package org.onekeylogin.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How much of a login name a shared screen shows, by length. */
class MaskedNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "sandraliu1, sa****liu1", "abcdefgh, ab****efgh", "abcdefg, a****fg", "abcde, a****de", "abcd, a****",
            "dad, d****", "x, x****" })
    void whenANameIsMaskedThenItsLengthDecidesHowMuchIsShown(String login, String masked) {
        assertThat(MaskedName.of(login)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = { "sandraliu1", "abcdefgh", "abcdefg", "abcde", "abcd", "ab" })
    void whenANameIsMaskedThenTheWholeNameIsNeverShownNorHowMuchIsHidden(String login) {
        String masked = MaskedName.of(login);
        assertThat(masked).doesNotContain(login);
        assertThat(masked).as("always four stars").containsOnlyOnce("****").doesNotContain("*****");
    }

}
