package org.onekeylogin.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onekey.push.*}: how often an idle stream gets a heartbeat, how far back a fresh
 * connection (no {@code Last-Event-ID}) is replayed, how long events are kept, and how
 * long one stream stays open before the client is asked to reconnect; how many streams a
 * session keeps (the oldest beyond that are closed, so a reconnecting app always gets its
 * new stream) and how many one address may hold on a node (beyond that it is refused), so
 * that one client cannot take a node's connections and memory; and how long an account's
 * notifications are kept (at least seven days).
 */
@ConfigurationProperties("onekey.push")
public record PushProperties(@DefaultValue("PT20S") Duration heartbeatInterval,
        @DefaultValue("PT2M") Duration freshConnectionReplay, @DefaultValue("P1D") Duration retention,
        @DefaultValue("PT30M") Duration streamTimeout, @DefaultValue("3") int maxStreamsPerSession,
        @DefaultValue("100") int maxStreamsPerAddress, @DefaultValue("P30D") Duration notificationRetention) {

    public PushProperties {
        if (notificationRetention.compareTo(Duration.ofDays(7)) < 0) {
            throw new IllegalArgumentException(
                    "onekey.push.notification-retention must be at least P7D: notices stay reachable for a week");
        }
    }
}
