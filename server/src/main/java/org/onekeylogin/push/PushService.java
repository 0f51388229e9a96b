package org.onekeylogin.push;

import java.time.Clock;
import java.time.Instant;
import org.onekeylogin.push.internal.PushEventStore;
import org.onekeylogin.push.platform.PlatformPushes;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an event to one session of a device: stored first, then announced, so nothing
 * is lost while the device is offline. Addressing the session (not just the device id,
 * which apps choose) keeps one account's events away from any other account or later
 * session on the same device.
 *
 * <p>
 * When the session registered a push address ({@code PUT /api/v1/push/registration}), the
 * same transaction queues a platform push for it (FCM, APNs), carrying the event's id and
 * type only; it is sent once the transaction commits.
 */
@Service
public class PushService {

    private final PushEventStore store;

    private final EventBus bus;

    private final PlatformPushes platformPushes;

    private final JsonMapper json;

    private final Clock clock;

    public PushService(PushEventStore store, EventBus bus, PlatformPushes platformPushes, JsonMapper json,
            Clock clock) {
        this.store = store;
        this.bus = bus;
        this.platformPushes = platformPushes;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores {@code payload} (a map or a record, written as a JSON object) as event
     * {@code type} for the session.
     */
    public long publish(String deviceId, String sessionId, String type, Object payload) {
        return publish(deviceId, sessionId, type, payload, Wake.normal());
    }

    /** As {@link #publish(String, String, String, Object)}, waking the phone as told. */
    public long publish(String deviceId, String sessionId, String type, Object payload, Wake wake) {
        Instant now = clock.instant();
        long id = store.append(deviceId, sessionId, type, json.writeValueAsString(payload), now);
        platformPushes.queue(sessionId, id, type, wake, now);
        bus.publish(new BusMessage.DeviceEventsAvailable(deviceId));
        return id;
    }

}
