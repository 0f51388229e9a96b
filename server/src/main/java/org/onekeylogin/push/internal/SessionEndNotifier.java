package org.onekeylogin.push.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.device.SessionRevoked;
import org.onekeylogin.push.BusMessage;
import org.onekeylogin.push.EventBus;
import org.onekeylogin.push.PushService;
import org.onekeylogin.push.platform.PlatformPushes;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a device it was signed out ({@code signed_out}), forgets its push address, then
 * closes that session's streams.
 */
@Component
class SessionEndNotifier {

    private final PushService push;

    private final EventBus bus;

    private final DeviceSessionService sessions;

    private final PlatformPushes platformPushes;

    SessionEndNotifier(PushService push, EventBus bus, DeviceSessionService sessions, PlatformPushes platformPushes) {
        this.push = push;
        this.bus = bus;
        this.sessions = sessions;
        this.platformPushes = platformPushes;
    }

    @EventListener
    void on(SessionRevoked revoked) {
        if (revoked.reason() == RevokeReason.REPLACED) {
            platformPushes.unregister(revoked.sessionId());
            bus.publish(new BusMessage.SessionEnded(revoked.sessionId()));
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("session_id", revoked.sessionId());
        payload.put("reason", revoked.reason().wireName());
        if (revoked.bySessionId() != null && !revoked.bySessionId().equals(revoked.sessionId())) {
            sessions.find(revoked.bySessionId())
                .map(DeviceSession::device)
                .ifPresent(by -> payload.put("by_device", Map.of("name", by.name(), "type", by.type().wireName())));
        }
        // queued first: the push telling the phone it was signed out leaves with the
        // address copied
        push.publish(revoked.deviceId(), revoked.sessionId(), "signed_out", payload);
        platformPushes.unregister(revoked.sessionId());
        bus.publish(new BusMessage.SessionEnded(revoked.sessionId()));
    }

}
