package org.onekeylogin.push;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.onekeylogin.push.internal.PushHub;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushConfig {

    @Bean
    @ConditionalOnMissingBean
    EventBus eventBus() {
        return new InProcessEventBus();
    }

    @Bean
    Gauge openPushStreams(MeterRegistry registry, PushHub hub) {
        return Gauge.builder("onekey.push.streams", hub, PushHub::openStreams)
            .description("Event streams open on this node")
            .register(registry);
    }

}
