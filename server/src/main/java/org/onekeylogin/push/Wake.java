package org.onekeylogin.push;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How an event wakes a sleeping phone through its platform's push service: urgent
 * (delivered at once, even in power saving) or not; a collapse key, so a newer push with
 * the same key replaces one still waiting on the platform; and when the push stops being
 * worth delivering ({@code null}: the configured default time to live).
 */
public record Wake(boolean urgent, @Nullable String collapseKey, @Nullable Instant expiresAt) {

    public Wake {
        if (collapseKey != null && (collapseKey.isEmpty() || collapseKey.length() > 64)) {
            throw new IllegalArgumentException("A collapse key has 1 to 64 characters");
        }
    }

    /** Not urgent, nothing replaced, the default time to live. */
    public static Wake normal() {
        return new Wake(false, null, null);
    }

    /**
     * Urgent until {@code expiresAt}, replacing an earlier push with the same key: a
     * sign-in waiting for approval.
     */
    public static Wake urgent(String collapseKey, Instant expiresAt) {
        return new Wake(true, collapseKey, expiresAt);
    }

    /**
     * Not urgent, replacing an earlier push with the same key, until {@code expiresAt}.
     */
    public static Wake replacing(String collapseKey, Instant expiresAt) {
        return new Wake(false, collapseKey, expiresAt);
    }

}
