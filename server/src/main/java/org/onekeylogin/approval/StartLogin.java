package org.onekeylogin.approval;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;

/**
 * A client's request to be signed in by phone approval: the account it names, itself, and
 * (for CIBA) a binding message, a requested lifetime and a ping notification token; a
 * device may also name the hashed network it is on. {@code ipAddress} is the requesting
 * device's own address, and null for CIBA, whose requests come from the client's server.
 */
public record StartLogin(String login, DeviceDescription device, String clientId, Set<String> scopes,
        @Nullable String ipAddress, @Nullable String bindingMessage, @Nullable Duration requestedExpiry,
        @Nullable String notificationToken, @Nullable String networkId) {

    /** A request that did not report the network it comes from. */
    public StartLogin(String login, DeviceDescription device, String clientId, Set<String> scopes,
            @Nullable String ipAddress, @Nullable String bindingMessage, @Nullable Duration requestedExpiry,
            @Nullable String notificationToken) {
        this(login, device, clientId, scopes, ipAddress, bindingMessage, requestedExpiry, notificationToken, null);
    }
}
