package org.onekeylogin.device;

import org.jspecify.annotations.Nullable;

/** What is known when a device is about to be signed in. */
public record NewSession(String accountId, DeviceDescription device, String clientId, SignInMethod method,
        @Nullable String ipAddress, @Nullable String networkLabel, @Nullable String networkId) {
}
