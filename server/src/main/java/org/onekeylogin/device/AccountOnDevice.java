package org.onekeylogin.device;

import java.time.Instant;

/**
 * An account that signed in on a device: when it last did, and whether a session of it is
 * still active there.
 */
public record AccountOnDevice(String accountId, Instant lastSignIn, boolean signedIn) {
}
