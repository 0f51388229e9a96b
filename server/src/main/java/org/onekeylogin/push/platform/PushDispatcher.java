package org.onekeylogin.push.platform;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.onekeylogin.system.DeliveryLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the queued platform pushes, on every node, through a {@link DeliveryLoop}: what
 * is due is claimed at once when this node queued something, otherwise every
 * {@code poll-interval} (which also picks up retries and the claims of a node that
 * stopped), and each claimed push is sent on its own virtual thread, at most
 * {@value #IN_FLIGHT} at a time.
 *
 * <p>
 * A failure worth retrying sends the push again after {@code first-backoff}, doubling, or
 * after the wait the service asked for, until {@code attempts} tries; a dead token
 * deletes the session's registration; a push past its deadline is dropped. The counter
 * {@code onekey.push.platform.sent} (tags {@code platform}, {@code outcome}: delivered,
 * retried, failed, unregistered, refused, expired) tells how it went. Nothing here
 * reaches back into a sign-in: the event stream and the approvals list work whatever the
 * push services do.
 */
class PushDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    static final int IN_FLIGHT = 64;

    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);

    private final PushDeliveries deliveries;

    private final PushRegistrations registrations;

    private final PushGateways gateways;

    private final PlatformPushProperties.Delivery settings;

    private final MeterRegistry meters;

    private final Clock clock;

    private final DeliveryLoop<Delivery> loop;

    PushDispatcher(PushDeliveries deliveries, PushRegistrations registrations, PushGateways gateways,
            PlatformPushProperties.Delivery settings, MeterRegistry meters, Clock clock) {
        this.deliveries = deliveries;
        this.registrations = registrations;
        this.gateways = gateways;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.loop = new DeliveryLoop<>("platform-push", deliveries::claimDue, this::deliver, settings.pollInterval(),
                settings.claimFor(), IN_FLIGHT, clock);
    }

    /** Something was queued on this node: look now rather than at the next poll. */
    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        if (gateways.none()) {
            return;
        }
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Claims what is due, as many as may be sent now, and starts sending them. */
    int sendDue() throws InterruptedException {
        return loop.sendDue();
    }

    void deliver(Delivery delivery) {
        PushGateway gateway = gateways.of(delivery.address().platform()).orElse(null);
        String platform = delivery.address().platform().wireName();
        try {
            if (gateway == null) {
                deliveries.forget(delivery.id());
                return;
            }
            if (!delivery.timeToLive(clock.instant()).isPositive()) {
                deliveries.forget(delivery.id());
                count(platform, "expired");
                return;
            }
            GatewayAnswer answer;
            try {
                answer = gateway.send(delivery);
            }
            catch (RuntimeException e) {
                log.warn("{} push {} failed: {}", gateway.name(), delivery.id(), e.toString());
                answer = new GatewayAnswer.TryLater(null);
            }
            settle(delivery, answer, platform);
        }
        catch (RuntimeException e) {
            // the claim runs out and another attempt follows
            log.warn("Could not record how platform push {} went: {}", delivery.id(), e.toString());
        }
    }

    private void settle(Delivery delivery, GatewayAnswer answer, String platform) {
        switch (answer) {
            case GatewayAnswer.Delivered delivered -> {
                deliveries.forget(delivery.id());
                count(platform, "delivered");
            }
            case GatewayAnswer.Unregistered unregistered -> {
                deliveries.forget(delivery.id());
                if (registrations.clearIfToken(delivery.sessionId(), delivery.address().token())) {
                    log.info("{} called push token {} dead ({}); its registration was removed", platform,
                            delivery.address().hint(), unregistered.reason());
                }
                count(platform, "unregistered");
            }
            case GatewayAnswer.Refused refused -> {
                deliveries.forget(delivery.id());
                log.warn("{} refused push {} ({})", platform, delivery.id(), refused.reason());
                count(platform, "refused");
            }
            case GatewayAnswer.TryLater later -> {
                if (delivery.attempt() >= settings.attempts()) {
                    deliveries.forget(delivery.id());
                    count(platform, "failed");
                    return;
                }
                Duration wait = later.after() != null ? later.after() : backoff(delivery.attempt());
                deliveries.retryAt(delivery.id(), clock.instant().plus(wait));
                count(platform, "retried");
            }
        }
    }

    /** {@code first-backoff} after the first try, doubling, at most ten minutes. */
    Duration backoff(int attempt) {
        return DeliveryLoop.backoff(settings.firstBackoff(), attempt, LONGEST_BACKOFF);
    }

    private void count(String platform, String outcome) {
        meters.counter("onekey.push.platform.sent", "platform", platform, "outcome", outcome).increment();
    }

}
