package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Secrets from SecureRandom: digits, URL-safe tokens of a given entropy, and codes over
 * an alphabet.
 */
class SecureRandomSecretGeneratorTest {

    final SecureRandomSecretGenerator secrets = new SecureRandomSecretGenerator();

    @Test
    void whenDigitsAreAskedForThenTheyHaveTheLengthAndOnlyDigits() {
        for (int length : new int[] { 1, 2, 6, 8, 20 }) {
            assertThat(secrets.digits(length)).hasSize(length).containsOnlyDigits();
        }
    }

    @Test
    void whenManyCodesAreDrawnThenEveryDigitAppearsIncludingLeadingZeros() {
        Set<Character> seen = new HashSet<>();
        boolean leadingZero = false;
        for (int i = 0; i < 2000; i++) {
            String code = secrets.digits(6);
            code.chars().forEach(c -> seen.add((char) c));
            leadingZero |= code.charAt(0) == '0';
        }
        assertThat(seen).hasSize(10);
        assertThat(leadingZero).as("a code may start with 0").isTrue();
    }

    @ParameterizedTest(name = "{0} bits -> {1} characters, {2} bytes")
    @CsvSource({ "128, 22, 16", "160, 27, 20", "256, 43, 32", "1, 2, 1", "8, 2, 1", "9, 3, 2" })
    void whenATokenIsAskedForThenItCarriesAtLeastThoseBitsInUnpaddedUrlSafeBase64(int bits, int characters, int bytes) {
        String token = secrets.token(bits);
        assertThat(token).hasSize(characters).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(bytes);
        assertThat(bytes * 8).isGreaterThanOrEqualTo(bits);
    }

    @Test
    void whenManyTokensAreDrawnThenNoTwoAreEqualAndEveryCharacterOfTheAlphabetAppears() {
        Set<String> tokens = new HashSet<>();
        Set<Character> characters = new HashSet<>();
        IntStream.range(0, 2000).mapToObj(i -> secrets.token(128)).forEach(t -> {
            tokens.add(t);
            t.chars().forEach(c -> characters.add((char) c));
        });
        assertThat(tokens).hasSize(2000);
        assertThat(characters).as("all 64 characters of base64url").hasSize(64).contains('-', '_');
    }

    @Test
    void whenACodeIsDrawnFromAnAlphabetThenItUsesOnlyAndEventuallyAllOfIt() {
        String consonants = "BCDFGHJKLMNPQRSTVWXZ";
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String code = secrets.fromAlphabet(consonants, 8);
            assertThat(code).hasSize(8).matches("[" + consonants + "]{8}");
            code.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(consonants.length());
    }

    @Test
    void whenNoCharactersAreAskedForThenTheCodeIsEmpty() {
        assertThat(secrets.fromAlphabet("AB", 0)).isEmpty();
        assertThat(secrets.digits(0)).isEmpty();
    }

}
