package org.onekeylogin.push.platform;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One platform push, as claimed for sending: the event it announces (id and type only,
 * never its content), how urgent it is, and when it stops being worth delivering.
 * {@code attempt} counts from 1.
 */
record Delivery(long id, String sessionId, PushAddress address, long eventId, String eventType, boolean urgent,
        @Nullable String collapseKey, Instant expiresAt, int attempt) {

    /** How long the platform may keep it for an unreachable phone; zero once expired. */
    Duration timeToLive(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

}
