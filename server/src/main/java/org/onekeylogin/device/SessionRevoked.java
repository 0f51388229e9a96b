package org.onekeylogin.device;

import org.jspecify.annotations.Nullable;

/**
 * Published, synchronously, after a session ended: the token feature drops its tokens and
 * the push feature tells the device, before the call that ended it returns.
 */
public record SessionRevoked(String sessionId, String accountId, String deviceId, RevokeReason reason,
        @Nullable String bySessionId) {
}
