package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Refreshes that race each other and a sign-out, fired at the same moment: exactly one
 * refresh of a token exchanges it, its duplicates get the same new tokens, and once a
 * sign-out has answered nothing of the session works.
 */
@ServiceTest
class RefreshRaceTest {

    private static final String BACKEND = "onekey-backend";

    private static final String BACKEND_SECRET = "change-me-backend-secret";

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    RefreshRaceTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenOneRefreshTokenIsRefreshedManyTimesAtOnceThenAllGetTheSameWorkingPair() {
        for (int round = 0; round < 6; round++) {
            int n = round == 0 ? 50 : 16;
            TestAccounts.Device phone = accounts.signIn(accounts.register("twice"), "phone", "Phone");

            List<Api.Response> answers = Concurrently.run(n, i -> refresh(phone.refreshToken()));

            assertThat(answers).as("round %d", round)
                .allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(200));
            assertThat(answers.stream().map(r -> r.field("access_token")).distinct()).hasSize(1);
            assertThat(answers.stream().map(r -> r.field("refresh_token")).distinct()).hasSize(1);
            assertThat(answers.stream().map(r -> r.field("id_token")).distinct()).hasSize(1);
            Api.Response pair = answers.getFirst();
            assertThat(pair.field("refresh_token")).isNotEqualTo(phone.refreshToken());
            assertThat(api.get("/api/v1/account", pair.field("access_token")).status()).isEqualTo(200);
            assertThat(introspect(pair.field("access_token")).json().path("active").asBoolean()).isTrue();

            Api.Response next = refresh(pair.field("refresh_token"));
            assertThat(next.status()).as("the pair the race gave out keeps working: " + next.text()).isEqualTo(200);
            assertThat(api.get("/api/v1/account", next.field("access_token")).status()).isEqualTo(200);
        }
    }

    @Test
    void whenARefreshTokenIsPresentedAgainAfterTheGraceWindowThenTheSessionEnds() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("late"), "phone", "Phone");
        Api.Response first = refresh(phone.refreshToken());
        assertThat(first.status()).isEqualTo(200);
        Api.Response duplicate = refresh(phone.refreshToken());
        assertThat(duplicate.status()).as("within the window: the same answer").isEqualTo(200);
        assertThat(duplicate.field("refresh_token")).isEqualTo(first.field("refresh_token"));

        clock.advance(Duration.ofSeconds(6));
        Api.Response replay = refresh(phone.refreshToken());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.field("error")).isEqualTo("invalid_grant");
        assertThat(api.get("/api/v1/account", first.field("access_token")).status()).isEqualTo(401);
        assertThat(refresh(first.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
        assertThat(introspect(first.field("access_token")).json().path("active").asBoolean()).isFalse();
    }

    @Test
    void whenTheGraceAnswerIsNoLongerCurrentThenTheOldTokenIsTreatedAsStolen() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("chain"), "phone", "Phone");
        Api.Response first = refresh(phone.refreshToken());
        Api.Response second = refresh(first.field("refresh_token"));
        assertThat(second.status()).isEqualTo(200);

        Api.Response stale = refresh(phone.refreshToken());
        assertThat(stale.field("error")).isEqualTo("invalid_grant");
        assertThat(api.get("/api/v1/account", second.field("access_token")).status()).isEqualTo(401);
    }

    @Test
    void whenSessionsAreSignedOutWhileTheyRefreshThenNothingOfThemWorksAfterwards() {
        int sessions = 3;
        for (int round = 0; round < 8; round++) {
            TestAccounts.Account account = accounts.register("racer");
            TestAccounts.Device tablet = accounts.signIn(account, "tablet", "Tablet");
            List<TestAccounts.Device> phones = new ArrayList<>();
            Set<String> accessTokens = ConcurrentHashMap.newKeySet();
            Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < sessions; i++) {
                TestAccounts.Device phone = accounts.signIn(account, "phone", "Phone " + i);
                phones.add(phone);
                accessTokens.add(phone.accessToken());
                refreshTokens.add(phone.refreshToken());
            }

            List<Api.Response> last = Concurrently.run(2 * sessions, i -> {
                TestAccounts.Device phone = phones.get(i % sessions);
                if (i < sessions) {
                    return api.delete("/api/v1/sessions/" + phone.sessionId(), tablet.accessToken());
                }
                // refresh along the chain until the sign-out stops it
                String token = phone.refreshToken();
                for (int step = 0; step < 500; step++) {
                    Api.Response r = refresh(token);
                    if (r.status() != 200) {
                        return r;
                    }
                    accessTokens.add(r.field("access_token"));
                    refreshTokens.add(r.field("refresh_token"));
                    token = r.field("refresh_token");
                }
                return null;
            });

            for (int i = 0; i < sessions; i++) {
                assertThat(last.get(i).status()).as("round %d: %s", round, last.get(i).text()).isEqualTo(204);
                Api.Response stopped = last.get(sessions + i);
                assertThat(stopped).as("the refreshes stopped").isNotNull();
                assertThat(stopped.status()).as(stopped.text()).isEqualTo(400);
                assertThat(stopped.field("error")).isEqualTo("invalid_grant");
            }
            for (String refreshToken : refreshTokens) {
                Api.Response later = refresh(refreshToken);
                assertThat(later.status()).as("round %d: a refresh after the sign-out", round).isEqualTo(400);
                assertThat(later.field("error")).isEqualTo("invalid_grant");
            }
            for (String accessToken : accessTokens) {
                assertThat(introspect(accessToken).json().path("active").asBoolean())
                    .as("round %d: introspection after the sign-out", round)
                    .isFalse();
                assertThat(api.get("/api/v1/account", accessToken).status()).isEqualTo(401);
            }
            assertThat(api.get("/api/v1/account", tablet.accessToken()).status()).isEqualTo(200);
        }
    }

    private Api.Response refresh(String refreshToken) {
        return api.form("/oauth2/token",
                Api.fields("grant_type", "refresh_token", "client_id", "onekey-device", "refresh_token", refreshToken));
    }

    private Api.Response introspect(String token) {
        return api.form("/oauth2/introspect", Api.fields("token", token), BACKEND, BACKEND_SECRET);
    }

}
