package org.onekeylogin.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A session notes when it was last used, written at most once a minute however often the
 * device calls.
 */
@ServiceTest
class SessionUseTest {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    final Api api;

    final TestAccounts accounts;

    SessionUseTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenADeviceCallsTheApiThenItsLastUseMovesAtMostOnceAMinute() {
        TestAccounts.Device tv = accounts.signIn(accounts.register("kid"), "tv", "Playroom TV");
        Instant signedIn = lastSeen(tv.sessionId());

        clock.advance(Duration.ofSeconds(30));
        assertThat(api.get("/api/v1/account", tv.accessToken()).status()).isEqualTo(200);
        assertThat(lastSeen(tv.sessionId())).as("used again within the minute").isEqualTo(signedIn);

        clock.advance(Duration.ofSeconds(40));
        assertThat(api.get("/api/v1/account", tv.accessToken()).status()).isEqualTo(200);
        Instant used = lastSeen(tv.sessionId());
        assertThat(used).isAfter(signedIn.plusSeconds(69));

        clock.advance(Duration.ofSeconds(10));
        assertThat(api.get("/api/v1/account", tv.accessToken()).status()).isEqualTo(200);
        assertThat(lastSeen(tv.sessionId())).isEqualTo(used);
    }

    private Instant lastSeen(String sessionId) {
        return jdbc.sql("SELECT last_seen_at FROM device_session WHERE id = ?")
            .param(sessionId)
            .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
            .single();
    }

}
