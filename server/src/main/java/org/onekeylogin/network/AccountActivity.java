package org.onekeylogin.network;

import java.time.Instant;

/**
 * An account's standing in one network: its liveness (kept as a logarithm so it can be
 * decayed without rewriting rows), when it was last active there, its sign-ins and active
 * time in the history window, and the outcomes of earlier recommendations (picked,
 * ignored, cancelled by the owner, suppressed after "that wasn't me").
 */
public record AccountActivity(String accountId, double logLiveness, Instant lastActiveAt, int windowSignIns,
        long windowActiveSeconds, int picked, int ignored, int cancelled, boolean suppressed) {
}
