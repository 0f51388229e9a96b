package org.onekeylogin.device;

import org.jspecify.annotations.Nullable;

/**
 * Published, synchronously, after a session ended, inside the transaction that ended it:
 * the token feature drops its tokens and queues the back-channel logout of the session's
 * client ({@code clientId}), the push feature tells the device, before the call that
 * ended it returns.
 */
public record SessionRevoked(String sessionId, String accountId, String deviceId, String clientId, RevokeReason reason,
        @Nullable String bySessionId) {
}
