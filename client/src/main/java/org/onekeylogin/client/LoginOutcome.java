package org.onekeylogin.client;

/**
 * How a one-key request ended. When {@link #isSignedIn()}, {@link #signedIn()} holds the
 * session and tokens; otherwise {@link #status()} says why not ({@code denied} with
 * {@link #reason()}, {@code failed}, {@code expired}, {@code cancelled}) and the app
 * offers to try again or another method.
 */
public final class LoginOutcome {

    private final String status;

    private final String reason;

    private final SignedIn signedIn;

    private LoginOutcome(String status, String reason, SignedIn signedIn) {
        this.status = status;
        this.reason = reason;
        this.signedIn = signedIn;
    }

    static LoginOutcome signedIn(SignedIn signedIn) {
        return new LoginOutcome(LoginStatus.APPROVED, null, signedIn);
    }

    static LoginOutcome ended(LoginStatus status) {
        return new LoginOutcome(status.status(), status.reason(), null);
    }

    public boolean isSignedIn() {
        return signedIn != null;
    }

    public SignedIn signedIn() {
        return signedIn;
    }

    public String status() {
        return status;
    }

    /** {@code mistake} or {@code not_me} for a denial. */
    public String reason() {
        return reason;
    }

}
