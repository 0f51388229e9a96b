package org.onekeylogin.push.platform;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FCM HTTP v1: {@code POST {base-url}/v1/projects/{project-id}/messages:send}, with an
 * OAuth access token that Google's auth library obtains and renews from the service
 * account's key (scope {@code firebase.messaging}). The message is data only:
 * {@code event_id} and {@code event_type}; Android priority {@code HIGH} for urgent
 * pushes, with their collapse key and a time to live up to their deadline.
 *
 * <p>
 * Answers, as FCM documents them: {@code UNREGISTERED} and {@code SENDER_ID_MISMATCH}
 * mean the token is dead here; {@code QUOTA_EXCEEDED}, {@code UNAVAILABLE},
 * {@code INTERNAL} (429, 5xx) are tried again after {@code Retry-After}; a 401 renews the
 * access token and tries again; any other error is a refusal.
 */
class FcmGateway implements PushGateway {

    private static final Logger log = LoggerFactory.getLogger(FcmGateway.class);

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final URI send;

    private final GoogleCredentials credentials;

    private final JsonMapper json;

    private final Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FcmGateway(PlatformPushProperties.Fcm settings, JsonMapper json, Clock clock) {
        if (settings.credentials() == null || settings.credentials().isBlank()) {
            throw new IllegalStateException(
                    "onekey.push.fcm.credentials must name the service account's JSON key file");
        }
        try (InputStream key = Files.newInputStream(Path.of(settings.credentials()))) {
            this.credentials = GoogleCredentials.fromStream(key).createScoped(List.of(SCOPE));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the FCM service account key " + settings.credentials(), e);
        }
        String base = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
        this.send = URI.create(base + "/v1/projects/" + settings.projectId() + "/messages:send");
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "fcm";
    }

    @Override
    public GatewayAnswer send(Delivery delivery) {
        try {
            HttpResponse<String> response = post(delivery);
            if (response.statusCode() == 401) {
                credentials.refresh();
                response = post(delivery);
            }
            return answer(response, delivery);
        }
        catch (IOException e) {
            log.warn("FCM unreachable for push {} (attempt {}): {}", delivery.id(), delivery.attempt(), summary(e));
            return new GatewayAnswer.TryLater(null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GatewayAnswer.TryLater(null);
        }
    }

    private HttpResponse<String> post(Delivery delivery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(send)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(message(delivery))));
        for (Map.Entry<String, List<String>> header : credentials.getRequestMetadata(send).entrySet()) {
            for (String value : header.getValue()) {
                request.header(header.getKey(), value);
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The failure in one short line: Google's auth errors say what the token endpoint
     * answered.
     */
    private static String summary(IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        String line = e.getClass().getSimpleName() + message;
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    Map<String, Object> message(Delivery delivery) {
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("priority", delivery.urgent() ? "HIGH" : "NORMAL");
        android.put("ttl", delivery.timeToLive(clock.instant()).toSeconds() + "s");
        if (delivery.collapseKey() != null) {
            android.put("collapse_key", delivery.collapseKey());
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("token", delivery.address().token());
        message.put("data", Map.of("event_id", Long.toString(delivery.eventId()), "event_type", delivery.eventType()));
        message.put("android", android);
        return Map.of("message", message);
    }

    private GatewayAnswer answer(HttpResponse<String> response, Delivery delivery) {
        int status = response.statusCode();
        if (status == 200) {
            return GatewayAnswer.DELIVERED;
        }
        String code = errorCode(response.body());
        if ("UNREGISTERED".equals(code) || "SENDER_ID_MISMATCH".equals(code)) {
            return new GatewayAnswer.Unregistered(code);
        }
        if (status == 429 || status >= 500 || status == 401) {
            log.warn("FCM answered {} {} for push {} (attempt {})", status, code, delivery.id(), delivery.attempt());
            return new GatewayAnswer.TryLater(RetryAfter.of(response.headers(), clock));
        }
        return new GatewayAnswer.Refused(status + " " + code);
    }

    /**
     * The {@code errorCode} of FCM's error details, else the status of the Google API
     * error, else "unknown".
     */
    private String errorCode(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("errorCode")) {
                    return detail.get("errorCode").asString();
                }
            }
            return error.path("status").asString("unknown");
        }
        catch (RuntimeException notJson) {
            return "unknown";
        }
    }

}
