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

    /**
     * The device id of requests from a client that does not name its device (a CIBA
     * client without {@code device_id}): one requester per client for limits, "that
     * wasn't me" blocks and replacing a pending request.
     */
    public static String clientDeviceId(String clientId) {
        return "ciba:" + clientId;
    }

    /**
     * The device this request signs in once approved: the device it names, or, for a
     * client that named none, a device of this sign-in's own, so that two sign-ins of one
     * person through one client are two sessions and the second does not end the first.
     */
    public DeviceDescription sessionDevice() {
        if (!device.id().equals(clientDeviceId(clientId))) {
            return device;
        }
        String own = device.id() + ":" + id;
        return new DeviceDescription(own.length() <= 128 ? own : "ciba:" + id, device.type(), device.name(),
                device.model(), device.os(), device.appVersion());
    }

    /**
     * The requester a session's device stands for: the client, for a session opened on a
     * device of its own ({@link #sessionDevice()}), otherwise the device itself.
     */
    public static String requesterDeviceId(String sessionDeviceId, String clientId) {
        String shared = clientDeviceId(clientId);
        return sessionDeviceId.startsWith(shared + ":") ? shared : sessionDeviceId;
    }
}
