package org.onekeylogin.approval;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.signin.DeviceSignIn;

/**
 * What a client gets when it asks for the outcome of its request: tokens, or the reason
 * there are none.
 */
public sealed interface Redemption {

    /** Approved: the client is signed in, exactly once. */
    record SignedIn(DeviceSignIn.SignedIn signedIn) implements Redemption {
    }

    /** Not (or no longer) redeemable; {@code state} says why. */
    record NotRedeemable(LoginRequestState state, @Nullable DenyReason reason, boolean tooFast) implements Redemption {
    }

}
