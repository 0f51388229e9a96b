package org.onekeylogin.devicecode;

import java.util.Locale;
import org.onekeylogin.system.ApiException;

/**
 * A device-code user code as people type it: RFC 8628 section 6.1's 20-consonant
 * alphabet, eight characters, case-insensitive, dashes and spaces ignored. Normalised to
 * Spring's stored form {@code XXXX-XXXX}.
 */
public final class UserCode {

    private static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

    private UserCode() {
    }

    public static String normalize(String typed) {
        if (typed == null || typed.length() > 20) {
            throw invalid();
        }
        String letters = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (letters.length() != 8 || letters.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            throw invalid();
        }
        return letters.substring(0, 4) + "-" + letters.substring(4);
    }

    private static ApiException invalid() {
        return ApiException.invalid("user_code", "A code has eight letters, like BCDF-GHJK.");
    }

}
