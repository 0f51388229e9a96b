package org.onekeylogin.sms;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.onekeylogin.system.AfterCommit;
import org.onekeylogin.system.SignedWebhook;
import org.onekeylogin.system.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends texts by POSTing JSON {@code {"id", "to", "text", "purpose"}} to the company's
 * SMS service.
 *
 * <p>
 * Every request is signed as {@link SignedWebhook} describes.
 *
 * <p>
 * Delivery starts once the sender's transaction has committed (at once outside one) and
 * runs on a virtual thread; connection failures and 5xx answers are retried with
 * exponential back-off ({@code onekey.sms.webhook.attempts}, {@code first-backoff}). The
 * counter {@code onekey.sms.sent} (tags {@code gateway}, {@code outcome}: delivered,
 * retried, failed) makes failures visible.
 */
public class WebhookSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(WebhookSmsGateway.class);

    private final SignedWebhook webhook;

    private final Retry retry;

    private final JsonMapper json;

    private final MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookSmsGateway(SmsProperties.Webhook webhook, JsonMapper json, MeterRegistry meters, Clock clock) {
        if (webhook.url() == null || webhook.url().isBlank() || webhook.secret() == null
                || webhook.secret().isBlank()) {
            throw new IllegalStateException("onekey.sms.webhook.url and onekey.sms.webhook.secret are required");
        }
        this.webhook = new SignedWebhook(URI.create(webhook.url()), webhook.secret(), clock);
        this.retry = Retry.withBackoff(Math.max(1, webhook.attempts()), webhook.firstBackoff(), 2);
        this.json = json;
        this.meters = meters;
    }

    @Override
    public void send(SmsMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("to", message.to());
        body.put("text", message.text());
        body.put("purpose", message.purpose());
        String payload = json.writeValueAsString(body);
        // a text about a sign-in that rolls back must never reach the phone
        AfterCommit.run(() -> Thread.ofVirtual().start(() -> deliver(payload, message)));
    }

    private void deliver(String payload, SmsMessage message) {
        if (retry.run(attempt -> attempt(payload, message, attempt), () -> count("retried")) == Retry.Outcome.GAVE_UP) {
            count("failed");
        }
    }

    /**
     * One POST, signed afresh so its timestamp is current; true unless the service failed
     * on its side.
     */
    private boolean attempt(String payload, SmsMessage message, int attempt) throws InterruptedException {
        HttpRequest request = webhook.request(payload);
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 500) {
                count(status < 300 ? "delivered" : "failed");
                if (status >= 300) {
                    log.warn("SMS service refused a message for {} with {}", message.maskedTo(), status);
                }
                return true;
            }
            log.warn("SMS service answered {} for {} (attempt {})", status, message.maskedTo(), attempt);
        }
        catch (java.io.IOException e) {
            log.warn("SMS service unreachable for {} (attempt {}): {}", message.maskedTo(), attempt,
                    e.getClass().getSimpleName());
        }
        return false;
    }

    private void count(String outcome) {
        meters.counter("onekey.sms.sent", "gateway", "webhook", "outcome", outcome).increment();
    }

}
