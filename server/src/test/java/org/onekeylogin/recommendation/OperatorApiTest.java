package org.onekeylogin.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.recommendation.HomeNetworkStoriesTest.Wifi;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator API: mark a network as an office, set an account's standing; only with the
 * operator scope.
 */
@ServiceTest
class OperatorApiTest {

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    OperatorApiTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenAnOperatorMarksAHomeAsAnOfficeThenItGetsNoRecommendationsUntilCleared() {
        Wifi home = HomeNetworkStoriesTest.newWifi("Home", "personal");
        TestAccounts.Account member = accounts.register("member");
        signInOnWifi(member, home);
        clock.advance(Duration.ofDays(4));
        String phoneToken = signInOnWifi(member, home);
        assertThat(options(home).at("/network/kind")).isEqualTo("home");

        String operator = operatorToken();
        Api.Response marked = api.put("/api/v1/operator/networks/kind",
                Map.of("network", home.json(), "kind", "office"), operator);
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);
        assertThat(marked.field("kind")).isEqualTo("office");
        Api.Response options = options(home);
        assertThat(options.at("/network/kind")).isEqualTo("office");
        assertThat(options.at("/network/reasons/0")).isEqualTo("marked_by_operator");
        assertThat(options.json().path("accounts").size()).isZero();

        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("network", home.json());
        clear.put("kind", null);
        assertThat(api.put("/api/v1/operator/networks/kind", clear, operator).status()).isEqualTo(200);
        assertThat(options(home).at("/network/kind")).isEqualTo("home");

        Api.Response byDevice = api.put("/api/v1/operator/networks/kind",
                Map.of("network", home.json(), "kind", "public"), phoneToken);
        assertThat(byDevice.status()).as("a device's token is not an operator's").isIn(401, 403);
        assertThat(api.put("/api/v1/operator/networks/kind", Map.of("network", home.json(), "kind", "public"), null)
            .status()).isEqualTo(401);
    }

    @Test
    void whenAnOperatorSetsAnAccountsStandingThenTheOwnerSeesIt() {
        TestAccounts.Account dad = accounts.register("dad");
        Api.Response updated = api.put("/api/v1/operator/accounts/" + dad.loginName() + "/standing",
                Map.of("status", "active", "membership_tier", "vip", "user_level", 12, "theft_risk_index", 0.1,
                        "sharer_count", 1, "offsite_sign_ins", 0),
                operatorToken());
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.field("membership_tier")).isEqualTo("vip");
        assertThat(updated.json().path("user_level").asInt()).isEqualTo(12);

        Api.Response wrong = api.put("/api/v1/operator/accounts/" + dad.loginName() + "/standing",
                Map.of("status", "royal", "membership_tier", "vip", "user_level", 12, "theft_risk_index", 0.1,
                        "sharer_count", 1, "offsite_sign_ins", 0),
                operatorToken());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.field("code")).isEqualTo("validation_failed");
    }

    private String operatorToken() {
        Api.Response token = api.form("/oauth2/token",
                Api.fields("grant_type", "client_credentials", "scope", "operator"), "onekey-backend",
                "change-me-backend-secret");
        assertThat(token.status()).as(token.text()).isEqualTo(200);
        return token.field("access_token");
    }

    private String signInOnWifi(TestAccounts.Account account, Wifi wifi) {
        Api.Response r = api.post("/api/v1/sign-in/password",
                Map.of("login", account.loginName(), "password", TestAccounts.PASSWORD, "device",
                        Map.of("id", "phone-" + account.loginName(), "type", "phone", "name", "Phone"), "network",
                        wifi.json()),
                null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.at("/tokens/access_token");
    }

    private Api.Response options(Wifi wifi) {
        return api.post(
                "/api/v1/sign-in-options", Map.of("device",
                        Map.of("id", TestAccounts.unique("tv"), "type", "tv", "name", "TV"), "network", wifi.json()),
                null);
    }

}
