package org.onekeylogin.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stream that was disconnected while events were published gets them on reconnect with
 * Last-Event-ID.
 */
@ServiceTest
class PushReplayTest {

    @Autowired
    PushService push;

    final Api api;

    final TestAccounts accounts;

    PushReplayTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenTheStreamReconnectsWithLastEventIdThenItGetsWhatItMissedInOrder() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("dad"), "phone", "Dad's phone");
        String lastSeen;
        try (EventStream stream = api.stream(phone.accessToken(), null)) {
            assertThat(stream.awaitOpen()).isEqualTo(200);
            push.publish(phone.deviceId(), phone.sessionId(), "notice", Map.of("n", 0));
            EventStream.Event first = stream.next(Duration.ofSeconds(2));
            assertThat(first).isNotNull();
            assertThat(first.json().path("n").asInt()).isZero();
            lastSeen = first.id();
        }

        push.publish(phone.deviceId(), phone.sessionId(), "notice", Map.of("n", 1));
        push.publish(phone.deviceId(), phone.sessionId(), "notice", Map.of("n", 2));

        try (EventStream again = api.stream(phone.accessToken(), Long.valueOf(lastSeen))) {
            assertThat(again.awaitOpen()).isEqualTo(200);
            EventStream.Event one = again.next(Duration.ofSeconds(2));
            EventStream.Event two = again.next(Duration.ofSeconds(2));
            assertThat(one).isNotNull();
            assertThat(two).isNotNull();
            assertThat(one.json().path("n").asInt()).isEqualTo(1);
            assertThat(two.json().path("n").asInt()).isEqualTo(2);
            assertThat(Long.parseLong(two.id())).isGreaterThan(Long.parseLong(one.id()))
                .isGreaterThan(Long.parseLong(lastSeen));
            assertThat(again.next(Duration.ofMillis(300))).as("nothing replayed twice").isNull();
        }
    }

    @Test
    void whenAnotherDeviceHasEventsThenThisStreamDoesNotSeeThem() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        TestAccounts.Device tablet = accounts.signIn(mum, "tablet", "Mum's tablet");
        try (EventStream stream = api.stream(phone.accessToken(), 0L)) {
            assertThat(stream.awaitOpen()).isEqualTo(200);
            push.publish(tablet.deviceId(), tablet.sessionId(), "notice", Map.of("for", "tablet"));
            push.publish(phone.deviceId(), phone.sessionId(), "notice", Map.of("for", "phone"));
            EventStream.Event event = stream.next(Duration.ofSeconds(2));
            assertThat(event).isNotNull();
            assertThat(event.json().path("for").asString()).isEqualTo("phone");
        }
    }

    @Test
    void whenAnotherAccountSignsInWithTheSameDeviceIdThenItCannotReadTheOwnersEvents() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("dad"), "phone", "Dad's phone");
        push.publish(phone.deviceId(), phone.sessionId(), "notice", Map.of("secret", "for dad"));

        Api.Response intruder = api.post("/api/v1/sign-in/password",
                Map.of("login", accounts.register("intruder").loginName(), "password", TestAccounts.PASSWORD, "device",
                        Map.of("id", phone.deviceId(), "type", "phone", "name", "Dad's phone")),
                null);
        try (EventStream stream = api.stream(intruder.at("/tokens/access_token"), 0L)) {
            assertThat(stream.awaitOpen()).isEqualTo(200);
            assertThat(stream.next(Duration.ofMillis(500))).as("no replay of another session's events").isNull();
        }
    }

    @Test
    void whenNoTokenIsSentThenTheStreamIsRefusedWithTheErrorShape() {
        Api.Response r = api.get("/api/v1/push/stream", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.field("code")).isEqualTo("authentication_required");
    }

}
