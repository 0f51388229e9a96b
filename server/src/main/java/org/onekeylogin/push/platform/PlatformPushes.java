package org.onekeylogin.push.platform;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.push.Wake;
import org.onekeylogin.system.AfterCommit;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sessions' push addresses, and the platform pushes for them. Queues a platform push
 * for every stored event whose session registered a push address, on the platforms this
 * service has a gateway for, and has it sent once the event's transaction commits.
 */
public class PlatformPushes {

    private final PushDeliveries deliveries;

    private final PushRegistrations registrations;

    private final PushDispatcher dispatcher;

    private final DeviceSessionService sessions;

    private final TransactionTemplate transaction;

    private final Set<PushPlatform> served;

    private final PlatformPushProperties.Delivery settings;

    private final Clock clock;

    PlatformPushes(PushDeliveries deliveries, PushRegistrations registrations, PushDispatcher dispatcher,
            DeviceSessionService sessions, TransactionTemplate transaction, Set<PushPlatform> served,
            PlatformPushProperties.Delivery settings, Clock clock) {
        this.deliveries = deliveries;
        this.registrations = registrations;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.transaction = transaction;
        this.served = Set.copyOf(served);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Sets the session's push address, replacing an earlier one. Under the session's row
     * lock, which a sign-out takes too: a registration never outlives its session.
     */
    PushRegistrations.Registered register(String sessionId, PushAddress address) {
        return transaction.execute(status -> {
            if (!sessions.lockIfActive(sessionId)) {
                throw new ApiException(ErrorCode.INVALID_TOKEN, "This session has been signed out.");
            }
            Instant now = clock.instant();
            registrations.put(sessionId, address, now);
            return new PushRegistrations.Registered(address, now);
        });
    }

    Optional<PushRegistrations.Registered> registration(String sessionId) {
        return registrations.find(sessionId);
    }

    /** Forgets the session's push address; true if it had one. */
    public boolean unregister(String sessionId) {
        return registrations.clear(sessionId);
    }

    /** Whether pushes of {@code platform} leave this service. */
    boolean serves(PushPlatform platform) {
        return served.contains(platform);
    }

    /** In the caller's transaction; nothing when no gateway is configured. */
    public void queue(String sessionId, long eventId, String eventType, Wake wake, Instant now) {
        if (served.isEmpty()) {
            return;
        }
        Instant expiresAt = wake.expiresAt() != null ? wake.expiresAt() : now.plus(settings.timeToLive());
        if (deliveries.queueFor(sessionId, eventId, eventType, wake.urgent(), wake.collapseKey(), expiresAt, now,
                served) > 0) {
            AfterCommit.run(dispatcher::wakeUp);
        }
    }

}
