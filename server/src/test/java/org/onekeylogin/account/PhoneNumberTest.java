package org.onekeylogin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;

/** Phone numbers as people type them, kept as + and 6 to 15 digits. */
class PhoneNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|',
            value = { "+86 138 0000 0001|+8613800000001", "8613800000001|+8613800000001",
                    "+1 (555) 010-9999|+15550109999", "+44.20.7946.0018|+442079460018", "123456|+123456",
                    "+123456789012345|+123456789012345" })
    void whenANumberIsWrittenWithSeparatorsThenTheyAreDroppedAndAPlusLeads(String typed, String stored) {
        assertThat(PhoneNumber.normalize(typed, "phone_number")).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = { "12345", "+1234567890123456", "call me", "+86 138 0000 000a", "++8613800000001",
            "86+13800000001", "" })
    void whenTheNumberHasTooFewOrTooManyDigitsOrOtherCharactersThenItIsAValidationErrorOnTheField(String typed) {
        assertThatThrownBy(() -> PhoneNumber.normalize(typed, "login")).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details()).containsEntry("field", "login");
                });
    }

    @ParameterizedTest
    @CsvSource({ "+86 138 0000 0001, true", "(555) 010-9999, true", "dad, false", "sandra.liu, false", "12345, false",
            "mum2024, false" })
    void whenAPersonTypesAnIdentifierThenOnlyPhoneShapedOnesLookLikeANumber(String identifier, boolean phone) {
        assertThat(PhoneNumber.looksLikeOne(identifier)).isEqualTo(phone);
    }

}
