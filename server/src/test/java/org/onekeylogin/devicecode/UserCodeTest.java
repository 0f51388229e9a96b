package org.onekeylogin.devicecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;

/**
 * User codes as people type them (RFC 8628 section 6.1), normalised to the stored
 * XXXX-XXXX.
 */
class UserCodeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = { "BCDF-GHJK|BCDF-GHJK", "bcdfghjk|BCDF-GHJK", "bcdf ghjk|BCDF-GHJK",
            " Bc-Df-Gh-Jk |BCDF-GHJK", "LMNP-QRST|LMNP-QRST", "VWXZ-BCDF|VWXZ-BCDF" })
    void whenACodeIsTypedInAnyCaseWithDashesOrSpacesThenItIsNormalised(String typed, String stored) {
        assertThat(UserCode.normalize(typed)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = { "BCDA-GHJK", "BCDE-GHJK", "BCDF-GHJ1", "BCDF-GHJY", "BCDF-GHJ", "BCDF-GHJKL", "",
            "BCDF_GHJK", "BCDF - - - - - - - GHJK" })
    void whenTheCodeHasAVowelADigitTheWrongLengthOrIsTooLongToTypeThenItIsRefused(String typed) {
        assertThatThrownBy(() -> UserCode.normalize(typed)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.details()).containsEntry("field", "user_code");
        });
    }

    @Test
    void whenNoCodeIsGivenThenItIsRefused() {
        assertThatThrownBy(() -> UserCode.normalize(null)).isInstanceOf(ApiException.class);
    }

    @Test
    void whenEveryLetterOfTheAlphabetIsTypedThenEachIsAccepted() {
        String alphabet = "BCDFGHJKLMNPQRSTVWXZ";
        for (int i = 0; i + 8 <= alphabet.length(); i += 4) {
            String code = alphabet.substring(i, i + 8);
            assertThat(UserCode.normalize(code)).isEqualTo(code.substring(0, 4) + "-" + code.substring(4));
        }
        for (char vowel : "AEIOUY".toCharArray()) {
            assertThatThrownBy(() -> UserCode.normalize("BCDFGHJ" + vowel)).as("%s", vowel)
                .isInstanceOf(ApiException.class);
        }
    }

}
