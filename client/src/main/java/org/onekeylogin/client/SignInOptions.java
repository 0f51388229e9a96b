package org.onekeylogin.client;

import java.util.List;

/**
 * What a device's sign-in screen shows, in order: the accounts that signed in here before
 * (then, at home, recommended accounts), then the other methods (QR code, SMS code).
 */
public final class SignInOptions {

    private List<OfferedAccount> accounts = List.of();

    private List<Method> methods = List.of();

    private NetworkKind network;

    private SignInOptions() {
    }

    public List<OfferedAccount> accounts() {
        return accounts == null ? List.of() : List.copyOf(accounts);
    }

    public List<Method> methods() {
        return methods == null ? List.of() : List.copyOf(methods);
    }

    /** How the service classified the reported network; null when none was reported. */
    public NetworkKind network() {
        return network;
    }

    /**
     * An account tile: masked name, initial and tier badge, and the handle to pick it
     * with (valid once, for this device, for ten minutes).
     */
    public static final class OfferedAccount {

        private String handle;

        private String source;

        private String maskedName;

        private String initial;

        private String membershipTier;

        private boolean signedIn;

        private boolean autoSignIn;

        private OfferedAccount() {
        }

        public String handle() {
            return handle;
        }

        /** {@code history} or {@code recommendation}. */
        public String source() {
            return source;
        }

        public String maskedName() {
            return maskedName;
        }

        public String initial() {
            return initial;
        }

        public String membershipTier() {
            return membershipTier;
        }

        /**
         * The device still holds a live session for this account: refreshing its tokens
         * signs it in without a phone.
         */
        public boolean signedIn() {
            return signedIn;
        }

        /** The device may sign in to this account without waiting for a key press. */
        public boolean autoSignIn() {
            return autoSignIn;
        }

    }

    /** Another way to sign in: {@code qr_code}, {@code sms_code}. */
    public static final class Method {

        private String method;

        private String description;

        private Method() {
        }

        public String method() {
            return method;
        }

        public String description() {
            return description;
        }

    }

    /** {@code home}, {@code office}, {@code public} or {@code unknown}, and why. */
    public static final class NetworkKind {

        private String kind;

        private List<String> reasons = List.of();

        private NetworkKind() {
        }

        public String kind() {
            return kind;
        }

        public List<String> reasons() {
            return reasons == null ? List.of() : List.copyOf(reasons);
        }

    }

}
