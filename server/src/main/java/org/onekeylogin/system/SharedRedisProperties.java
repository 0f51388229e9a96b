package org.onekeylogin.system;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onekey.redis.*}: the Redis that the nodes of a cluster share (environment
 * {@code ONEKEY_REDIS_URL}, e.g. {@code redis://127.0.0.1:6379}). Without a URL the
 * service is a single node: events stay in the process and limits in its memory. With
 * one, events travel between nodes over Redis and the flood limits are counted there;
 * every node checks the bus by sending itself a heartbeat every
 * {@code heartbeat-interval}, and when none has come back for {@code heartbeat-timeout}
 * the bus is degraded: streams and long polls read the database every
 * {@code fallback-interval} until Redis answers again.
 */
@ConfigurationProperties("onekey.redis")
public record SharedRedisProperties(@Nullable String url, @DefaultValue("PT0.5S") Duration commandTimeout,
        @DefaultValue("PT1S") Duration heartbeatInterval, @DefaultValue("PT3S") Duration heartbeatTimeout,
        @DefaultValue("PT1S") Duration fallbackInterval) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }

}
