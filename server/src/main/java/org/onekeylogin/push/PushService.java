package org.onekeylogin.push;

import java.time.Clock;
import org.onekeylogin.push.internal.PushEventStore;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an event to one session of a device: stored first, then announced, so nothing
 * is lost while the device is offline. Addressing the session (not just the device id,
 * which apps choose) keeps one account's events away from any other account or later
 * session on the same device.
 */
@Service
public class PushService {

    private final PushEventStore store;

    private final EventBus bus;

    private final JsonMapper json;

    private final Clock clock;

    public PushService(PushEventStore store, EventBus bus, JsonMapper json, Clock clock) {
        this.store = store;
        this.bus = bus;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores {@code payload} (a map or a record, written as a JSON object) as event
     * {@code type} for the session.
     */
    public long publish(String deviceId, String sessionId, String type, Object payload) {
        long id = store.append(deviceId, sessionId, type, json.writeValueAsString(payload), clock.instant());
        bus.publish(new BusMessage.DeviceEventsAvailable(deviceId));
        return id;
    }

}
