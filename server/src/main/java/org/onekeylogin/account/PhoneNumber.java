package org.onekeylogin.account;

import java.util.regex.Pattern;
import org.onekeylogin.system.ApiException;

/**
 * Phone numbers are kept as {@code +} and 6 to 15 digits (E.164 shape); spaces, dashes
 * and brackets are dropped.
 */
public final class PhoneNumber {

    private static final Pattern E164 = Pattern.compile("\\+?[0-9]{6,15}");

    private PhoneNumber() {
    }

    public static String normalize(String raw, String field) {
        String compact = raw.replaceAll("[\\s()\\-.]", "");
        if (!E164.matcher(compact).matches()) {
            throw ApiException.invalid(field, "A phone number has 6 to 15 digits, optionally starting with +.");
        }
        return compact.startsWith("+") ? compact : "+" + compact;
    }

    /**
     * Whether an identifier typed by a person looks like a phone number rather than a
     * login name.
     */
    public static boolean looksLikeOne(String identifier) {
        return E164.matcher(identifier.replaceAll("[\\s()\\-.]", "")).matches();
    }

}
