package org.onekeylogin.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One account signed in on one device. Active while {@link #revokedAt()} is null. */
public record DeviceSession(String id, String accountId, DeviceDescription device, String clientId, SignInMethod method,
        @Nullable String networkLabel, @Nullable String ipAddress, Instant createdAt, Instant lastSeenAt,
        @Nullable Instant revokedAt, @Nullable String revokedBySessionId, @Nullable RevokeReason revokeReason,
        @Nullable String accessTokenId, @Nullable String networkId) {

    public boolean isActive() {
        return revokedAt == null;
    }
}
