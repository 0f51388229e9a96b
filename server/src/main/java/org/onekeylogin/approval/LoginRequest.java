package org.onekeylogin.approval;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;

/**
 * A request to sign a client in by phone approval, as stored; {@code networkId} is the
 * hashed network it came from when the client reported one (a sign-in screen), so "that
 * wasn't me" can block that network too.
 */
public record LoginRequest(String id, String accountId, String clientId, DeviceDescription device,
        @Nullable String ipAddress, Set<String> scopes, @Nullable String bindingMessage, String verificationCode,
        LoginRequestState state, @Nullable DenyReason denyReason, @Nullable String decidedBySessionId,
        int pollIntervalSeconds, @Nullable Instant lastPolledAt, @Nullable String notificationToken, Instant createdAt,
        Instant expiresAt, @Nullable String networkId) {

    /**
     * The state as of {@code now}: an open request past its expiry is expired even before
     * anyone wrote so.
     */
    public LoginRequestState stateAt(Instant now) {
        return state.isOpen() && !now.isBefore(expiresAt) ? LoginRequestState.EXPIRED : state;
    }
}
