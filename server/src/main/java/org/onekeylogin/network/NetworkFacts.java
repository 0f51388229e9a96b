package org.onekeylogin.network;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the home-network rule looks at, read from a network's records at one moment: its
 * Wi-Fi security, how many accounts were active in it within the history window, when it
 * was first seen, the kind an operator marked it as (if any), and whether the requester's
 * public address was seen with it within the window.
 */
record NetworkFacts(WifiSecurity security, int accountsActive, Instant firstSeenAt, @Nullable NetworkKind operatorKind,
        boolean addressSeen) {

    NetworkFacts {
        if (security == null || firstSeenAt == null) {
            throw new IllegalArgumentException("security and firstSeenAt are required");
        }
        if (accountsActive < 0) {
            throw new IllegalArgumentException("accountsActive cannot be negative");
        }
    }
}
