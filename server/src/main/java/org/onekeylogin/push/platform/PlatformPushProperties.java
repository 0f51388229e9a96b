package org.onekeylogin.push.platform;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How platform pushes are sent. Each gateway is on when its settings are given:
 * <ul>
 * <li>{@code onekey.push.fcm.*}: FCM HTTP v1 for the Firebase project {@code project-id},
 * with the service account's JSON key file {@code credentials};
 * <li>{@code onekey.push.apns.*}: APNs with token authentication: the {@code .p8}
 * {@code signing-key} file, its {@code key-id}, the {@code team-id} and the app's bundle
 * id as {@code topic};
 * <li>{@code onekey.push.webhook.*}: a company's own push relay, which gets every push of
 * the platforms that have no gateway of their own, signed like the SMS webhook.
 * </ul>
 * {@code onekey.push.delivery.*}: tries per push, the first wait (doubling after each
 * failure), how long a push without a deadline of its own is worth delivering, and how
 * often every node looks for pushes due again.
 */
@ConfigurationProperties("onekey.push")
public record PlatformPushProperties(@DefaultValue Fcm fcm, @DefaultValue Apns apns, @DefaultValue Webhook webhook,
        @DefaultValue Delivery delivery) {

    /**
     * FCM HTTP v1; {@code base-url} is Google's unless a test or a regional endpoint says
     * otherwise.
     */
    public record Fcm(@Nullable String projectId, @Nullable String credentials,
            @DefaultValue("https://fcm.googleapis.com") String baseUrl) {

        boolean enabled() {
            return projectId != null && !projectId.isBlank();
        }

    }

    /**
     * APNs; {@code server} is Apple's production host ({@code api.sandbox.push.apple.com}
     * for development builds of the app); {@code trusted-certificate} is a PEM file of
     * the certificates to trust instead of the system's, for a test server.
     */
    public record Apns(@Nullable String teamId, @Nullable String keyId, @Nullable String signingKey,
            @Nullable String topic, @DefaultValue("api.push.apple.com") String server, @DefaultValue("443") int port,
            @Nullable String trustedCertificate) {

        boolean enabled() {
            return teamId != null && !teamId.isBlank();
        }

    }

    public record Webhook(@Nullable String url, @Nullable String secret) {

        boolean enabled() {
            return url != null && !url.isBlank();
        }

    }

    public record Delivery(@DefaultValue("5") int attempts, @DefaultValue("PT2S") Duration firstBackoff,
            @DefaultValue("PT24H") Duration timeToLive, @DefaultValue("PT1S") Duration pollInterval,
            @DefaultValue("PT30S") Duration claimFor) {
    }

}
