package org.onekeylogin.sms;

/**
 * One text message: the number (E.164 shape), the text, and why it is sent
 * ({@code sign_in_code}, {@code notice}).
 */
public record SmsMessage(String to, String text, String purpose) {

    /** The number as logs may show it: country code and the last two digits. */
    public String maskedTo() {
        return to.length() <= 5 ? "***" : to.substring(0, 3) + "****" + to.substring(to.length() - 2);
    }
}
