package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one spelling of enums on the wire: lower-case names out, any case in, a refusal
 * that names the field.
 */
class WireEnumTest {

    enum Colour implements WireEnum {

        DARK_RED, GREEN;

        @JsonCreator
        static Colour fromWire(String value) {
            return WireEnum.fromWire(Colour.class, value, "colour", "The colour is 'dark_red' or 'green'.");
        }

    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void whenAConstantIsWrittenThenItsNameIsLowerCase() {
        assertThat(Colour.DARK_RED.wireName()).isEqualTo("dark_red");
        assertThat(json.writeValueAsString(Colour.DARK_RED)).isEqualTo("\"dark_red\"");
    }

    @Test
    void whenAWireNameIsReadInAnyCaseThenItIsTheConstant() {
        assertThat(WireEnum.fromWire(Colour.class, "Dark_Red", "colour", "unused")).isEqualTo(Colour.DARK_RED);
        assertThat(json.readValue("\"green\"", Colour.class)).isEqualTo(Colour.GREEN);
    }

    @Test
    void whenTheValueIsUnknownOrMissingThenTheFieldIsRefusedWithTheGivenMessage() {
        for (String value : new String[] { "blue", "", null }) {
            assertThatThrownBy(() -> Colour.fromWire(value)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.getMessage()).isEqualTo("The colour is 'dark_red' or 'green'.");
                assertThat(e.details()).containsEntry("field", "colour");
            });
        }
    }

    @Test
    void whenAllWireNamesAreListedThenTheyKeepDeclarationOrder() {
        assertThat(WireEnum.wireNames(Colour.class)).isEqualTo("dark_red, green");
    }

}
