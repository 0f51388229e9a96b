package org.onekeylogin.account;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ShownText;

/**
 * What a person registers with. Validates in the constructor so that an invalid
 * registration cannot exist; the login name is kept in lower case so that sign-in is
 * case-insensitive.
 */
public record Registration(String loginName, @Nullable String phoneNumber, String displayName, String password) {

    private static final Pattern LOGIN_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    public Registration {
        if (loginName == null || loginName.isBlank()) {
            throw ApiException.invalid("login_name", "Choose a login name.");
        }
        loginName = loginName.trim().toLowerCase(Locale.ROOT);
        if (!LOGIN_NAME.matcher(loginName).matches()) {
            throw ApiException.invalid("login_name",
                    "A login name has 3 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        }
        if (loginName.chars().allMatch(Character::isDigit)) {
            throw ApiException.invalid("login_name",
                    "A login name cannot be only digits (that would look like a phone number).");
        }
        phoneNumber = phoneNumber == null || phoneNumber.isBlank() ? null
                : PhoneNumber.normalize(phoneNumber, "phone_number");
        if (displayName == null || displayName.isBlank()) {
            throw ApiException.invalid("display_name", "Give a display name.");
        }
        displayName = displayName.strip();
        if (displayName.length() > 64) {
            throw ApiException.invalid("display_name", "A display name has at most 64 characters.");
        }
        if (!ShownText.isShowable(displayName)) {
            throw ApiException.invalid("display_name",
                    "A display name cannot contain control, formatting or private-use characters.");
        }
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw ApiException.invalid("password", "A password has 8 to 128 characters.");
        }
    }

    @Override
    public String toString() {
        return "Registration[loginName=" + loginName + "]";
    }
}
