package org.onekeylogin.push.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onekeylogin.system.SignedWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands pushes to a company's own push relay: a POST of JSON
 * {@code {"id", "platform", "token", "event_id", "event_type", "urgent", "collapse_key",
 * "expires_at"}}, signed as {@link SignedWebhook} describes. A 2xx answer means accepted;
 * 404 or 410 mean the platform called the token dead (the registration goes); 429, 5xx or
 * no answer are tried again, after the {@code Retry-After} seconds if given; any other
 * answer is a refusal.
 */
class WebhookPushGateway implements PushGateway {

    private static final Logger log = LoggerFactory.getLogger(WebhookPushGateway.class);

    private final SignedWebhook webhook;

    private final JsonMapper json;

    private final Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookPushGateway(PlatformPushProperties.Webhook settings, JsonMapper json, Clock clock) {
        if (settings.secret() == null || settings.secret().isBlank()) {
            throw new IllegalStateException("onekey.push.webhook.secret is required with onekey.push.webhook.url");
        }
        this.webhook = new SignedWebhook(URI.create(settings.url()), settings.secret(), clock);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public GatewayAnswer send(Delivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "push-" + delivery.id());
        body.put("platform", delivery.address().platform().wireName());
        body.put("token", delivery.address().token());
        body.put("event_id", delivery.eventId());
        body.put("event_type", delivery.eventType());
        body.put("urgent", delivery.urgent());
        body.put("collapse_key", delivery.collapseKey());
        body.put("expires_at", delivery.expiresAt().toString());
        try {
            HttpResponse<Void> response = http.send(webhook.request(json.writeValueAsString(body)),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return GatewayAnswer.DELIVERED;
            }
            if (status == 404 || status == 410) {
                return new GatewayAnswer.Unregistered("relay answered " + status);
            }
            if (status == 429 || status >= 500) {
                log.warn("Push relay answered {} for push {} (attempt {})", status, delivery.id(), delivery.attempt());
                return new GatewayAnswer.TryLater(RetryAfter.of(response.headers(), clock));
            }
            return new GatewayAnswer.Refused("relay answered " + status);
        }
        catch (IOException e) {
            log.warn("Push relay unreachable for push {} (attempt {}): {}", delivery.id(), delivery.attempt(),
                    e.getClass().getSimpleName());
            return new GatewayAnswer.TryLater(null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GatewayAnswer.TryLater(null);
        }
    }

}
