package org.onekeylogin.push.platform;

import java.util.Locale;
import java.util.regex.Pattern;
import org.onekeylogin.system.ApiException;

/**
 * A device's token at its platform's push service. FCM registration tokens are opaque
 * (letters, digits, {@code - _ : .}, in practice about 160 characters); APNs device
 * tokens are hexadecimal (64 characters today; Apple may lengthen them, so up to 200 are
 * accepted), kept in lower case.
 */
record PushAddress(PushPlatform platform, String token) {

    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:.\\-]{32,4096}");

    private static final Pattern APNS_TOKEN = Pattern.compile("(?:[0-9a-f]{2}){32,100}");

    PushAddress {
        token = platform == PushPlatform.APNS ? token.toLowerCase(Locale.ROOT) : token;
        boolean valid = switch (platform) {
            case FCM -> FCM_TOKEN.matcher(token).matches();
            case APNS -> APNS_TOKEN.matcher(token).matches();
        };
        if (!valid) {
            throw ApiException.invalid("token",
                    platform == PushPlatform.FCM
                            ? "An FCM registration token has 32 to 4096 letters, digits and - _ : . characters."
                            : "An APNs device token is 64 to 200 hexadecimal characters.");
        }
    }

    /** The last characters of the token, to tell registrations apart in logs. */
    String hint() {
        return "…" + token.substring(token.length() - 6);
    }

}
