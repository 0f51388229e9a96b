package org.onekeylogin.push;

import org.onekeylogin.system.SharedRedisProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.onekeylogin.push.internal.PushHub;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushConfig {

    /**
     * In the process for one node; over Redis when {@code onekey.redis.url} names the
     * cluster's.
     */
    @Bean
    @ConditionalOnMissingBean
    EventBus eventBus(SharedRedisProperties redis, ObjectProvider<RedisConnectionFactory> connections,
            ObjectProvider<StringRedisTemplate> templates) {
        if (!redis.enabled()) {
            return new InProcessEventBus();
        }
        return new RedisEventBus(connections.getObject(), templates.getObject(), redis);
    }

    @Bean
    EventBusHealth eventBusHealthIndicator(EventBus bus) {
        return new EventBusHealth(bus);
    }

    @Bean
    Gauge openPushStreams(MeterRegistry registry, PushHub hub) {
        return Gauge.builder("onekey.push.streams", hub, PushHub::openStreams)
            .description("Event streams open on this node")
            .register(registry);
    }

}
