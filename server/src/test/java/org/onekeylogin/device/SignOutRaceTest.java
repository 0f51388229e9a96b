package org.onekeylogin.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many sign-outs of one session at once, from the device itself and from another device
 * of the account: exactly one ends it, with one audit entry and one {@code signed_out}
 * event; every other is told it was already signed out (or, the device's own, that its
 * token no longer works), never a server error.
 */
@ServiceTest
class SignOutRaceTest {

    private static final int AT_ONCE = 50;

    private static final int ROUNDS = 4;

    @Autowired
    JdbcClient jdbc;

    final Api api;

    final TestAccounts accounts;

    SignOutRaceTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenFiftySignOutsOfOneSessionRaceThenExactlyOneEndsIt() {
        for (int round = 0; round < ROUNDS; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
            TestAccounts.Device tv = accounts.signIn(dad, "tv", "Living room TV");

            List<Api.Response> answers = Concurrently.run(AT_ONCE,
                    i -> i % 2 == 0 ? api.delete("/api/v1/sessions/" + tv.sessionId(), phone.accessToken())
                            : api.delete("/api/v1/sessions/current", tv.accessToken()));

            assertThat(answers.stream().filter(a -> a.status() == 204).count())
                .as("round %d: sign-outs that ended it", round)
                .isEqualTo(1);
            assertThat(answers).as("round %d: the others", round)
                .filteredOn(a -> a.status() != 204)
                .allSatisfy(a -> assertThat(
                        a.status() == 409 && a.text().contains("session_already_signed_out") || a.status() == 401)
                    .as("%d %s", a.status(), a.text())
                    .isTrue());
            assertThat(count("SELECT COUNT(*) FROM audit_event WHERE session_id = ? AND event_type = 'SIGN_OUT'",
                    tv.sessionId()))
                .as("round %d: audit entries of the sign-out", round)
                .isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM push_event WHERE session_id = ? AND event_type = 'signed_out'",
                    tv.sessionId()))
                .as("round %d: signed_out events", round)
                .isEqualTo(1);
            assertThat(api.get("/api/v1/sessions", phone.accessToken()).status()).as("the phone is still signed in")
                .isEqualTo(200);
        }
    }

    private long count(String sql, String sessionId) {
        return jdbc.sql(sql).param(sessionId).query(Long.class).single();
    }

}
