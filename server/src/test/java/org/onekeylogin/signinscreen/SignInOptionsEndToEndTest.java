package org.onekeylogin.signinscreen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A device's sign-in screen: history accounts first, then the default methods; picking
 * one asks the phone.
 */
@ServiceTest
class SignInOptionsEndToEndTest {

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    SignInOptionsEndToEndTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenANewTvOnAnUnknownNetworkAsksThenItIsOfferedOnlyTheDefaultMethods() {
        Api.Response options = api.post("/api/v1/sign-in-options", Map.of("device", tvDevice(TestAccounts.unique("tv")),
                "network", Map.of("ssid", "Somewhere", "bssid", "02:00:5e:10:20:30", "security", "personal")), null);
        assertThat(options.status()).as(options.text()).isEqualTo(200);
        assertThat(options.at("/network/kind")).isEqualTo("unknown");
        assertThat(options.json().path("accounts").size()).isZero();
        assertThat(options.at("/methods/0/method")).isEqualTo("qr_code");
        assertThat(options.at("/methods/1/method")).isEqualTo("sms_code");
    }

    @Test
    void whenANewTvAsksThenItIsOfferedOnlyTheDefaultMethods() {
        Api.Response options = options(TestAccounts.unique("tv"));
        assertThat(options.status()).as(options.text()).isEqualTo(200);
        assertThat(options.json().path("accounts").size()).isZero();
        assertThat(options.at("/methods/0/method")).isEqualTo("qr_code");
        assertThat(options.at("/methods/1/method")).isEqualTo("sms_code");
    }

    @Test
    void whenAccountsSignedInOnTheTvBeforeThenTheyAreOfferedMaskedMostRecentFirst() {
        String tv = TestAccounts.unique("tv");
        TestAccounts.Account grandma = accounts.register("grandma");
        TestAccounts.Account dad = accounts.register("dad");
        String grandmaSession = signInOn(tv, grandma).at("/session/id");
        String grandmaToken = signInOn(tv, grandma).at("/tokens/access_token"); // replaces
                                                                                // the
                                                                                // first
                                                                                // session
        assertThat(api.delete("/api/v1/sessions/current", grandmaToken).status()).isEqualTo(204);
        clock.advance(Duration.ofSeconds(1));
        signInOn(tv, dad);

        Api.Response options = options(tv);
        assertThat(options.json().path("accounts").size()).isEqualTo(2);
        assertThat(options.at("/accounts/0/masked_name")).isEqualTo(masked(dad.loginName()));
        assertThat(options.json().at("/accounts/0/signed_in").asBoolean()).isTrue();
        assertThat(options.at("/accounts/0/source")).isEqualTo("history");
        assertThat(options.at("/accounts/1/masked_name")).isEqualTo(masked(grandma.loginName()));
        assertThat(options.json().at("/accounts/1/signed_in").asBoolean()).isFalse();
        assertThat(options.at("/accounts/1/initial")).isEqualTo("G");
        assertThat(options.text()).as("never the account id or full login name")
            .doesNotContain(grandma.id())
            .doesNotContain(grandma.loginName())
            .doesNotContain(grandmaSession);
        assertThat(options.at("/methods/0/method")).isEqualTo("qr_code");
    }

    @Test
    void whenTheTvStillHoldsASessionForAHistoryAccountThenItSignsInSilentlyByRefreshing() {
        String tv = TestAccounts.unique("tv");
        TestAccounts.Account dad = accounts.register("dad");
        String refreshToken = signInOn(tv, dad).at("/tokens/refresh_token");

        Api.Response options = options(tv);
        assertThat(options.json().at("/accounts/0/signed_in").asBoolean()).isTrue();
        Api.Response refreshed = api.form("/oauth2/token",
                Api.fields("grant_type", "refresh_token", "client_id", "onekey-device", "refresh_token", refreshToken));
        assertThat(refreshed.status()).as("no phone, no password: the TV's own refresh token").isEqualTo(200);
        assertThat(api.get("/api/v1/account", refreshed.field("access_token")).field("login_name"))
            .isEqualTo(dad.loginName());
    }

    @Test
    void whenAHistoryAccountIsPickedThenItsPhoneApprovesAndTheTvIsSignedIn() {
        String tv = TestAccounts.unique("tv");
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        String oldToken = signInOn(tv, dad).at("/tokens/access_token");
        api.delete("/api/v1/sessions/current", oldToken);

        String handle = options(tv).at("/accounts/0/handle");
        Api.Response started = pick(handle, tv);
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String requestId = api.get("/api/v1/approvals", phone.accessToken()).at("/requests/0/request_id");
        api.post("/api/v1/approvals/" + requestId + "/approve", Map.of("code", started.field("verification_code")),
                phone.accessToken());
        Api.Response tokens = api.post("/api/v1/login-requests/session",
                Map.of("auth_req_id", started.field("auth_req_id")), null);
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        assertThat(api.get("/api/v1/account", tokens.at("/tokens/access_token")).field("login_name"))
            .isEqualTo(dad.loginName());

        Api.Response reused = pick(handle, tv);
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.field("code")).isEqualTo("sign_in_choice_invalid");
    }

    @Test
    void whenAHandleIsUsedByAnotherDeviceOrTooLateThenItIsRefused() {
        String tv = TestAccounts.unique("tv");
        TestAccounts.Account mum = accounts.register("mum");
        accounts.signIn(mum, "phone", "Mum's phone");
        signInOn(tv, mum);

        String handle = options(tv).at("/accounts/0/handle");
        assertThat(pick(handle, TestAccounts.unique("other-tv")).status()).as("bound to the device").isEqualTo(410);

        String later = options(tv).at("/accounts/0/handle");
        clock.advance(Duration.ofMinutes(11));
        assertThat(pick(later, tv).status()).as("expired").isEqualTo(410);
    }

    @Test
    void whenThePickedAccountHasNoPhoneThenTheTvIsToldToUseTheFallbacks() {
        String tv = TestAccounts.unique("tv");
        signInOn(tv, accounts.register("grandma"));
        Api.Response picked = pick(options(tv).at("/accounts/0/handle"), tv);
        assertThat(picked.status()).isEqualTo(409);
        assertThat(picked.field("code")).isEqualTo("no_control_terminal");
        assertThat(picked.text()).contains("qr_code");
    }

    private Api.Response signInOn(String tv, TestAccounts.Account account) {
        Api.Response r = api.post("/api/v1/sign-in/password",
                Map.of("login", account.loginName(), "password", TestAccounts.PASSWORD, "device", tvDevice(tv)), null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }

    private Api.Response options(String tv) {
        return api.post("/api/v1/sign-in-options", Map.of("device", tvDevice(tv)), null);
    }

    private Api.Response pick(String handle, String tv) {
        return api.post("/api/v1/sign-in-options/pick", Map.of("handle", handle, "device", tvDevice(tv)), null);
    }

    private static Map<String, Object> tvDevice(String id) {
        return Map.of("id", id, "type", "tv", "name", "Living-room TV");
    }

    private static String masked(String login) {
        return login.substring(0, 2) + "****" + login.substring(login.length() - 4);
    }

}
