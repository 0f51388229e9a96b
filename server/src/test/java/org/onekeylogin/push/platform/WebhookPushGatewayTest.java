package org.onekeylogin.push.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The push relay webhook against a real HTTP server: what it sends, how it signs, and
 * what each answer of the relay means.
 */
class WebhookPushGatewayTest {

    static final String SECRET = "shared-secret-for-the-push-relay";

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Received(String body, String timestamp, String signature) {
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    final AtomicInteger status = new AtomicInteger(202);

    final AtomicReference<String> retryAfter = new AtomicReference<>();

    final HttpServer relay = start();

    final Instant expiresAt = Instant.now().plusSeconds(90);

    @AfterEach
    void stop() {
        relay.stop(0);
    }

    @Test
    void aPushIsPostedSignedWithTheEventsIdAndTypeOnly() throws Exception {
        GatewayAnswer answer = gateway(url()).send(delivery());

        assertThat(answer).isEqualTo(GatewayAnswer.DELIVERED);
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.signature()).as("verifiable with the shared secret")
            .isEqualTo("sha256=" + hmac(request.timestamp() + "." + request.body()));
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("platform").asString()).isEqualTo("fcm");
        assertThat(body.path("token").asString()).isEqualTo(token());
        assertThat(body.path("event_id").asLong()).isEqualTo(41);
        assertThat(body.path("event_type").asString()).isEqualTo("login_request");
        assertThat(body.path("urgent").asBoolean()).isTrue();
        assertThat(body.path("collapse_key").asString()).isEqualTo("login-1");
        assertThat(Instant.parse(body.path("expires_at").asString())).isEqualTo(expiresAt);
    }

    @Test
    void theRelaysAnswerSaysWhetherToRetryForgetTheTokenOrGiveUp() throws Exception {
        status.set(410);
        assertThat(gateway(url()).send(delivery())).isInstanceOf(GatewayAnswer.Unregistered.class);
        status.set(404);
        assertThat(gateway(url()).send(delivery())).isInstanceOf(GatewayAnswer.Unregistered.class);

        status.set(503);
        retryAfter.set("7");
        assertThat(gateway(url()).send(delivery())).isEqualTo(new GatewayAnswer.TryLater(Duration.ofSeconds(7)));
        status.set(429);
        retryAfter.set(null);
        assertThat(gateway(url()).send(delivery())).isEqualTo(new GatewayAnswer.TryLater(null));

        status.set(400);
        assertThat(gateway(url()).send(delivery())).isInstanceOf(GatewayAnswer.Refused.class);
    }

    @Test
    void aRelayThatCannotBeReachedIsTriedLater() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(gateway("http://127.0.0.1:" + closedPort + "/push").send(delivery()))
            .isEqualTo(new GatewayAnswer.TryLater(null));
    }

    private WebhookPushGateway gateway(String url) {
        return new WebhookPushGateway(new PlatformPushProperties.Webhook(url, SECRET), JSON, Clock.systemUTC());
    }

    private Delivery delivery() {
        return new Delivery(7, "session-1", new PushAddress(PushPlatform.FCM, token()), 41, "login_request", true,
                "login-1", expiresAt, 1);
    }

    private static String token() {
        return "fcm-token-" + "a".repeat(40);
    }

    private String url() {
        return "http://127.0.0.1:" + relay.getAddress().getPort() + "/push";
    }

    private HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/push", exchange -> {
                received.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-OneKey-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-OneKey-Signature")));
                if (retryAfter.get() != null) {
                    exchange.getResponseHeaders().add("Retry-After", retryAfter.get());
                }
                exchange.sendResponseHeaders(status.get(), -1);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

}
