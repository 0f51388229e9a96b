package org.onekeylogin.client;

/**
 * The state of a one-key request: {@code pending}, {@code approved}, {@code denied} (with
 * {@link #reason()} {@code mistake} or {@code not_me}), {@code failed} (a wrong code was
 * typed), {@code expired}, {@code consumed} or {@code cancelled}.
 */
public final class LoginStatus {

    public static final String PENDING = "pending";

    public static final String APPROVED = "approved";

    private String status;

    private String reason;

    private long expiresIn;

    private LoginStatus() {
    }

    public String status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public long expiresIn() {
        return expiresIn;
    }

    public boolean isPending() {
        return PENDING.equals(status);
    }

}
