package org.onekeylogin.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onekey.push.*}: how often an idle stream gets a heartbeat, how far back a fresh
 * connection (no {@code Last-Event-ID}) is replayed, how long events are kept, and how
 * long one stream stays open before the client is asked to reconnect.
 */
@ConfigurationProperties("onekey.push")
public record PushProperties(@DefaultValue("PT20S") Duration heartbeatInterval,
        @DefaultValue("PT2M") Duration freshConnectionReplay, @DefaultValue("P1D") Duration retention,
        @DefaultValue("PT30M") Duration streamTimeout) {
}
