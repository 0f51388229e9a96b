package org.onekeylogin.signinscreen;

import java.util.List;
import org.onekeylogin.network.Classification;
import org.onekeylogin.system.WireEnum;

/**
 * What a device's sign-in screen offers, in the order it should show them: accounts
 * (history first, then recommendations), then the default methods. {@code network}
 * explains whether the reported network counts as a home (only homes get
 * recommendations); {@code autoSignIn} marks the one account the device may sign in to
 * without waiting for a key press (its owner allows it, it is the only candidate, and its
 * phone is here now).
 */
public record SignInOptions(List<OfferedAccount> accounts, List<Method> methods,
        @org.jspecify.annotations.Nullable Classification network) {

    /** Where an offered account comes from. */
    public enum Source implements WireEnum {

        HISTORY, RECOMMENDATION

    }

    /**
     * An account shown on a shared screen: masked name, initial and membership badge, and
     * the handle to pick it with. {@code nickname} is the name its owner chose for the
     * screens of its home network, given only when the screen reports a network
     * classified as a home where the account lives (absent otherwise — on an office
     * network, for a visitor's history tile — and when the owner chose none);
     * {@code avatarColor} is the account's avatar colour, the same on every screen.
     * {@code signedIn} tells the device it still holds a live session for this account,
     * so refreshing that session's tokens signs it in silently.
     */
    public record OfferedAccount(String handle, Source source, String maskedName,
            @org.jspecify.annotations.Nullable String nickname, String avatarColor, String initial,
            String membershipTier, boolean signedIn, boolean autoSignIn) {
    }

    /** A default sign-in method the screen offers. */
    public record Method(String method, String description) {
    }

    public static final List<Method> DEFAULT_METHODS = List.of(
            new Method("qr_code", "Scan a QR code with the app on a phone that is signed in"),
            new Method("sms_code", "Type a phone number and the code sent to it by text message"));

}
