package org.onekeylogin.sms;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.onekeylogin.sms.internal.OutboxSeal;
import org.onekeylogin.system.ServerSecrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the SMS gateway from {@code onekey.sms.gateway}; the outbox always exists so it
 * can be read.
 */
@Configuration(proxyBeanMethods = false)
class SmsGatewayConfig {

    @Bean
    SmsOutbox smsOutbox(JdbcClient jdbc, ServerSecrets secrets, Clock clock, SmsProperties properties) {
        return new SmsOutbox(jdbc, new OutboxSeal(secrets.named(OutboxSeal.SECRET_NAME)), clock, properties.codeTtl());
    }

    /** The gateway features send through. */
    @Bean
    @Primary
    SmsGateway smsGateway(SmsProperties properties, SmsOutbox outbox, ObjectProvider<WebhookSmsGateway> webhook) {
        return switch (properties.gateway()) {
            case "outbox" -> outbox;
            case "webhook" -> webhook.getObject();
            default -> throw new IllegalStateException("onekey.sms.gateway is 'outbox' or 'webhook'");
        };
    }

    @Bean
    @ConditionalOnProperty(name = "onekey.sms.gateway", havingValue = "webhook")
    WebhookSmsGateway webhookSmsGateway(SmsProperties properties, JsonMapper json, MeterRegistry meters, Clock clock) {
        return new WebhookSmsGateway(properties.webhook(), json, meters, clock);
    }

}
