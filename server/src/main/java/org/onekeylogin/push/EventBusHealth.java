package org.onekeylogin.push;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code eventBus} in {@code /actuator/health}: {@code UP} on one node or while Redis
 * carries events between nodes; {@code DEGRADED} (answered with 200, since the node still
 * serves every flow) while Redis does not answer and streams and long polls read the
 * database instead. Never {@code DOWN}: a load balancer must not take every node out
 * because their shared Redis failed.
 */
class EventBusHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED",
            "Redis does not answer: events reach other nodes " + "at the fallback interval, from the database");

    private final EventBus bus;

    EventBusHealth(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public Health health() {
        if (!(bus instanceof RedisEventBus redis)) {
            return Health.up().withDetail("mode", "in-process").build();
        }
        Health.Builder health = redis.isLive() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("mode", "redis")
            .withDetail("last_heartbeat_ms_ago", redis.sinceLastHeartbeat().toMillis())
            .withDetail("fallback_interval", redis.fallbackInterval().toString())
            .build();
    }

}
