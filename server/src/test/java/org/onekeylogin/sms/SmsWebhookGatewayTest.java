package org.onekeylogin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook SMS gateway against a real HTTP server started by the test: delivery,
 * signature, retries, metrics.
 */
@ServiceTest
class SmsWebhookGatewayTest {

    record Received(String body, String timestamp, String signature) {
    }

    static final String SECRET = "shared-secret-for-sms-webhook";
    static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();

    /** How many of the next requests the SMS service answers with 500. */
    static final AtomicInteger FAILURES_TO_SIMULATE = new AtomicInteger();
    static final HttpServer SMS_SERVICE = start();

    @Autowired
    SmsGateway gateway;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("onekey.sms.gateway", () -> "webhook");
        registry.add("onekey.sms.webhook.url", () -> "http://127.0.0.1:" + SMS_SERVICE.getAddress().getPort() + "/sms");
        registry.add("onekey.sms.webhook.secret", () -> SECRET);
        registry.add("onekey.sms.webhook.first-backoff", () -> "PT0.05S");
    }

    @AfterAll
    static void stop() {
        SMS_SERVICE.stop(0);
    }

    @Test
    void whenACodeIsRequestedThenTheSmsServiceReceivesASignedMessage(Api api) throws Exception {
        String phone = SmsSignInEndToEndTest.newPhoneNumber();
        api.post("/api/v1/accounts", Map.of("login_name", TestAccounts.unique("hook"), "display_name", "Mum",
                "password", TestAccounts.PASSWORD, "phone_number", phone), null);
        assertThat(
                api.post("/api/v1/sign-in/sms-code",
                        Map.of("phone_number", phone, "device",
                                Map.of("id", "tv-hook-000001", "type", "tv", "name", "TV")),
                        null)
                    .status())
            .isEqualTo(202);

        Received received = RECEIVED.poll(5, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        var body = Api.JSON.readTree(received.body());
        assertThat(body.path("to").asString()).isEqualTo(phone);
        assertThat(body.path("purpose").asString()).isEqualTo("sign_in_code");
        assertThat(body.path("text").asString()).containsPattern("\\d{6}");
        assertThat(received.signature()).as("verifiable with the shared secret")
            .isEqualTo("sha256=" + hmac(received.timestamp() + "." + received.body()));
    }

    @Test
    void whenTheSmsServiceFailsOnceThenTheMessageIsRetriedAndDelivered() throws Exception {
        double retriedBefore = count("retried");
        FAILURES_TO_SIMULATE.set(1);
        gateway.send(new SmsMessage("+441234567890", "hello", "notice"));
        Received received = RECEIVED.poll(5, TimeUnit.SECONDS);
        assertThat(received).as("delivered on the second attempt").isNotNull();
        assertThat(count("retried")).isEqualTo(retriedBefore + 1);
    }

    @Test
    void whenTheSmsServiceKeepsFailingThenTheFailureIsCounted() throws Exception {
        double failedBefore = count("failed");
        FAILURES_TO_SIMULATE.set(3);
        gateway.send(new SmsMessage("+441234567891", "hello", "notice"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count("failed") == failedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count("failed")).isEqualTo(failedBefore + 1);
        assertThat(RECEIVED.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    private double count(String outcome) {
        var counter = meters.find("onekey.sms.sent").tags("gateway", "webhook", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String hmac(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sms", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (FAILURES_TO_SIMULATE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.sendResponseHeaders(500, -1);
                }
                else {
                    RECEIVED.add(new Received(body, exchange.getRequestHeaders().getFirst("X-OneKey-Timestamp"),
                            exchange.getRequestHeaders().getFirst("X-OneKey-Signature")));
                    exchange.sendResponseHeaders(202, -1);
                }
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
