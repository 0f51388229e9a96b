package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.HalfOpenConnections;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.test.context.TestPropertySource;

/**
 * One client holding thousands of connections, as an attacker would, does not stop the
 * node: health and the API still answer, half-open connections are dropped after the
 * connection timeout, and event streams stop at their caps. (The connection timeout is
 * shortened here so that the test does not wait ten seconds.)
 */
@ServiceTest
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the web server's connection handling does not depend on the database")
@TestPropertySource(properties = { "server.jetty.connection-idle-timeout=3s",
        "onekey.sign-in.password-attempts-per-account-per15-minutes=1000" })
class ConnectionFloodTest {

    private static final Duration CLOSE_BOUND = Duration.ofSeconds(60);

    final Api api;

    final TestAccounts accounts;

    ConnectionFloodTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenTwoThousandConnectionsNeverSendARequestThenTheNodeStillAnswersAndDropsThem() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("flooded"), "phone", "Phone");
        try (HalfOpenConnections flood = HalfOpenConnections.open(port(), 1000, 1000)) {
            assertThat(flood.size()).isEqualTo(2000);

            Api.Response health = api.get("/actuator/health", null);
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.field("status")).isEqualTo("UP");
            Api.Response sessions = api.get("/api/v1/sessions", phone.accessToken());
            assertThat(sessions.status()).as(sessions.text()).isEqualTo(200);

            assertThat(flood.closedByServer(CLOSE_BOUND)).as("closed by the server after the connection timeout")
                .isEqualTo(2000);
        }
        assertThat(api.get("/api/v1/sessions", phone.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void whenManySessionsOpenStreamsUpToTheCapsThenTheNodeStillAnswersAndTheCapsHold() {
        TestAccounts.Account family = accounts.register("streams");
        Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.23");
        List<EventStream> open = new ArrayList<>();
        try {
            List<EventStream> firstOfEachSession = new ArrayList<>();
            for (int session = 0; session < 33; session++) {
                TestAccounts.Device tv = accounts.signIn(family, "tv", "TV " + session);
                for (int i = 0; i < 4; i++) {
                    EventStream stream = api.stream(tv.accessToken(), null, from);
                    assertThat(stream.awaitOpen()).isEqualTo(200);
                    open.add(stream);
                    if (i == 0) {
                        firstOfEachSession.add(stream);
                    }
                }
            }
            TestAccounts.Device last = accounts.signIn(family, "tv", "The hundredth stream");
            EventStream hundredth = api.stream(last.accessToken(), null, from);
            assertThat(hundredth.awaitOpen()).isEqualTo(200);
            open.add(hundredth);
            assertThat(firstOfEachSession).as("each session keeps three streams: its first is closed")
                .allMatch(stream -> stream.awaitEnd(Duration.ofSeconds(10)));
            assertThat(openStreams()).isEqualTo(100);

            TestAccounts.Device refused = accounts.signIn(family, "tv", "One stream too many");
            Api.Response beyond = api.raw("GET", "/api/v1/push/stream", null, null,
                    Map.of("Authorization", "Bearer " + refused.accessToken(), "X-Forwarded-For", "198.51.100.23"));
            assertThat(beyond.status()).as(beyond.text()).isEqualTo(429);

            Api.Response health = api.get("/actuator/health", null);
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.field("status")).isEqualTo("UP");
            Api.Response sessions = api.get("/api/v1/sessions", last.accessToken());
            assertThat(sessions.status()).as(sessions.text()).isEqualTo(200);
            assertThat(openStreams()).isEqualTo(100);
        }
        finally {
            open.forEach(EventStream::close);
        }
    }

    /**
     * The idle timeout drops connections that say nothing, not event streams that wait: a
     * stream that has received nothing for longer than the timeout (3 s here, with
     * heartbeats every 20 s) still delivers the next event.
     */
    @Test
    void whenAStreamWaitsLongerThanTheIdleTimeoutThenItStillDeliversTheNextEvent() throws InterruptedException {
        TestAccounts.Account family = accounts.register("quiet");
        TestAccounts.Device tv = accounts.signIn(family, "tv", "Quiet TV");
        TestAccounts.Device phone = accounts.signIn(family, "phone", "Phone");
        try (EventStream stream = api.stream(tv.accessToken(), null)) {
            assertThat(stream.awaitOpen()).isEqualTo(200);
            Thread.sleep(Duration.ofSeconds(5));
            assertThat(stream.ended()).as("open after 5 s without a byte").isFalse();

            assertThat(api.delete("/api/v1/sessions/" + tv.sessionId(), phone.accessToken()).status()).isEqualTo(204);
            EventStream.Event event = stream.next(Duration.ofSeconds(5));
            assertThat(event).as("the sign-out reaches the quiet stream").isNotNull();
            assertThat(event.name()).isEqualTo("signed_out");
        }
    }

    private int openStreams() {
        return (int) api.get("/actuator/metrics/onekey.push.streams", null)
            .json()
            .at("/measurements/0/value")
            .asDouble();
    }

    private int port() {
        return Integer.parseInt(api.base().substring(api.base().lastIndexOf(':') + 1));
    }

}
