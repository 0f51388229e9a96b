package org.onekeylogin.push.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.onekeylogin.device.DeviceSessionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Picks a gateway per platform: FCM and APNs directly when configured, the company's
 * relay for the platforms left when {@code onekey.push.webhook.url} is set. With none, no
 * push is queued and the event stream alone carries events.
 */
@Configuration(proxyBeanMethods = false)
class PlatformPushConfig {

    private static final Logger log = LoggerFactory.getLogger(PlatformPushConfig.class);

    @Bean
    PushGateways platformPushGateways(PlatformPushProperties properties, JsonMapper json, Clock clock) {
        Map<PushPlatform, PushGateway> gateways = new EnumMap<>(PushPlatform.class);
        if (properties.fcm().enabled()) {
            gateways.put(PushPlatform.FCM, new FcmGateway(properties.fcm(), json, clock));
        }
        if (properties.apns().enabled()) {
            gateways.put(PushPlatform.APNS, new ApnsGateway(properties.apns(), json));
        }
        if (properties.webhook().enabled()) {
            PushGateway relay = new WebhookPushGateway(properties.webhook(), json, clock);
            for (PushPlatform platform : PushPlatform.values()) {
                gateways.putIfAbsent(platform, relay);
            }
        }
        if (!gateways.isEmpty()) {
            log.info("Platform pushes: {}",
                    gateways.entrySet()
                        .stream()
                        .map(e -> e.getKey().wireName() + " via " + e.getValue().name())
                        .toList());
        }
        return new PushGateways(gateways);
    }

    @Bean
    PushDispatcher platformPushDispatcher(PushDeliveries deliveries, PushRegistrations registrations,
            PushGateways platformPushGateways, PlatformPushProperties properties, MeterRegistry meters, Clock clock) {
        return new PushDispatcher(deliveries, registrations, platformPushGateways, properties.delivery(), meters,
                clock);
    }

    @Bean
    PlatformPushes platformPushes(PushDeliveries deliveries, PushRegistrations registrations, PushDispatcher dispatcher,
            DeviceSessionService sessions, PlatformTransactionManager transactions, PushGateways platformPushGateways,
            PlatformPushProperties properties, Clock clock) {
        return new PlatformPushes(deliveries, registrations, dispatcher, sessions,
                new TransactionTemplate(transactions), platformPushGateways.platforms(), properties.delivery(), clock);
    }

    @Bean
    Gauge platformPushesWaiting(MeterRegistry registry, PushDeliveries deliveries) {
        return Gauge.builder("onekey.push.platform.waiting", deliveries, PushDeliveries::waiting)
            .description("Platform pushes queued and not yet sent, on all nodes")
            .register(registry);
    }

}
