package org.onekeylogin.approval;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;

/**
 * A client's request to be signed in by phone approval: the account it names, itself, and (for CIBA) a binding
 * message, a requested lifetime and a ping notification token.
 */
public record StartLogin(
        String login,
        DeviceDescription device,
        String clientId,
        Set<String> scopes,
        @Nullable String ipAddress,
        @Nullable String bindingMessage,
        @Nullable Duration requestedExpiry,
        @Nullable String notificationToken) {
}
