package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShownTextTest {

    @ParameterizedTest
    @ValueSource(strings = { "Dad", "Living-room TV", "刘爸爸", "Mamá's iPad", "Android 15 (One UI 7)", "🙂 Kid" })
    void whenTextIsOrdinaryThenItMayBeShown(String text) {
        assertThat(ShownText.isShowable(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Dad\u202Egpj.exe", "Living\u200Droom", "a\u0000b", "bell\u0007", "Tab\there",
            "line\u2028break", "private\uE000use", "lone\uD800surrogate", "bom\uFEFF" })
    void whenTextHidesWhatItSaysThenItIsRefused(String text) {
        assertThat(ShownText.isShowable(text)).isFalse();
    }

}
