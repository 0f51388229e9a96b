package org.onekeylogin.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.LimitsTest;
import org.onekeylogin.support.TestAccounts;

/**
 * One client cannot hold a node's connections: streams are capped per session and per
 * address.
 */
@LimitsTest
class PushStreamLimitsTest {

    final Api api;

    final TestAccounts accounts;

    PushStreamLimitsTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenASessionOpensMoreStreamsThanItMayKeepThenTheOldestAreClosed() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("dad"), "phone", "Dad's phone");
        Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.77");
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                EventStream stream = api.stream(phone.accessToken(), null, from);
                assertThat(stream.awaitOpen()).isEqualTo(200);
                streams.add(stream);
            }
            assertThat(streams.get(0).awaitEnd(Duration.ofSeconds(5))).as("oldest closed").isTrue();
            assertThat(streams.get(1).awaitEnd(Duration.ofSeconds(5))).as("second oldest closed").isTrue();
            assertThat(streams.subList(2, 5)).noneMatch(EventStream::ended);
        }
        finally {
            streams.forEach(EventStream::close);
        }
    }

    @Test
    void whenOneAddressHoldsTheMostStreamsItMayThenTheNextIsRefusedInTheErrorShape() {
        Map<String, String> from = Map.of("X-Forwarded-For", "203.0.113.77");
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                TestAccounts.Device phone = accounts.signIn(accounts.register("member"), "phone", "Phone");
                EventStream stream = api.stream(phone.accessToken(), null, from);
                assertThat(stream.awaitOpen()).isEqualTo(200);
                streams.add(stream);
            }
            TestAccounts.Device sixth = accounts.signIn(accounts.register("member"), "phone", "Phone");
            Api.Response refused = api.raw("GET", "/api/v1/push/stream", null, null,
                    Map.of("Authorization", "Bearer " + sixth.accessToken(), "X-Forwarded-For", "203.0.113.77"));
            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.field("code")).isEqualTo("too_many_requests");

        }
        finally {
            streams.forEach(EventStream::close);
        }
    }

}
