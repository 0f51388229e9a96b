package org.onekeylogin.push.platform;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.io.File;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * APNs over HTTP/2 with token authentication (an ES256 {@code .p8} key), through Pushy.
 *
 * <p>
 * A sign-in waiting for approval is an alert push (priority 10, push type {@code alert})
 * with {@code mutable-content}, so the app's notification service extension fetches the
 * request over the API and shows it; its text is the app's own localized string
 * {@code ONEKEY_LOGIN_REQUEST} ({@code loc-key}), never an account name or a code. Every
 * other event is a background push ({@code content-available}, priority 5), as Apple
 * requires for pushes without an alert. Both carry {@code event_id} and
 * {@code event_type} beside {@code aps}, the collapse key as {@code apns-collapse-id} and
 * the deadline as {@code apns-expiration}.
 */
class ApnsGateway implements PushGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApnsGateway.class);

    /** Apple's reasons that mean the token is dead for this app. */
    private static final Set<String> DEAD_TOKEN = Set.of("BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic",
            "ExpiredToken");

    /** Apple's reasons worth another try; the rest are refusals. */
    private static final Set<String> TRY_AGAIN = Set.of("TooManyRequests", "InternalServerError", "ServiceUnavailable",
            "Shutdown", "ExpiredProviderToken", "InvalidProviderToken", "IdleTimeout");

    static final String ALERT_KEY = "ONEKEY_LOGIN_REQUEST";

    private final ApnsClient client;

    private final String topic;

    private final JsonMapper json;

    ApnsGateway(PlatformPushProperties.Apns settings, JsonMapper json) {
        if (settings.keyId() == null || settings.signingKey() == null || settings.topic() == null) {
            throw new IllegalStateException(
                    "onekey.push.apns needs team-id, key-id, signing-key (the .p8 file) and topic (the app's bundle id)");
        }
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder().setApnsServer(settings.server(), settings.port())
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(settings.signingKey()), settings.teamId(),
                        settings.keyId()));
            if (settings.trustedCertificate() != null) {
                builder.setTrustedServerCertificateChain(new File(settings.trustedCertificate()));
            }
            this.client = builder.build();
        }
        catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up APNs with " + settings.signingKey() + ": " + e, e);
        }
        this.topic = settings.topic();
        this.json = json;
    }

    @Override
    public String name() {
        return "apns";
    }

    @Override
    public GatewayAnswer send(Delivery delivery) {
        boolean alert = delivery.urgent();
        var notification = new SimpleApnsPushNotification(delivery.address().token(), topic,
                json.writeValueAsString(payload(delivery)), delivery.expiresAt(),
                alert ? DeliveryPriority.IMMEDIATE : DeliveryPriority.CONSERVE_POWER,
                alert ? PushType.ALERT : PushType.BACKGROUND, delivery.collapseKey());
        try {
            PushNotificationResponse<SimpleApnsPushNotification> response = client.sendNotification(notification)
                .get(30, TimeUnit.SECONDS);
            if (response.isAccepted()) {
                return GatewayAnswer.DELIVERED;
            }
            String reason = response.getRejectionReason().orElse("status " + response.getStatusCode());
            if (DEAD_TOKEN.contains(reason)) {
                return new GatewayAnswer.Unregistered(reason);
            }
            if (TRY_AGAIN.contains(reason)) {
                log.warn("APNs answered {} for push {} (attempt {})", reason, delivery.id(), delivery.attempt());
                return new GatewayAnswer.TryLater(null);
            }
            return new GatewayAnswer.Refused(reason);
        }
        catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn("APNs unreachable for push {} (attempt {}): {}", delivery.id(), delivery.attempt(),
                    cause.getClass().getSimpleName());
            return new GatewayAnswer.TryLater(null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GatewayAnswer.TryLater(null);
        }
    }

    Map<String, Object> payload(Delivery delivery) {
        Map<String, Object> aps = new LinkedHashMap<>();
        if (delivery.urgent()) {
            aps.put("alert", Map.of("loc-key", ALERT_KEY));
            aps.put("mutable-content", 1);
            aps.put("sound", "default");
        }
        else {
            aps.put("content-available", 1);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", aps);
        payload.put("event_id", Long.toString(delivery.eventId()));
        payload.put("event_type", delivery.eventType());
        return payload;
    }

    @Override
    public void close() {
        client.close();
    }

}
