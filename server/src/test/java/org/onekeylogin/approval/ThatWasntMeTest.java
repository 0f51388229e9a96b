package org.onekeylogin.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * After the owner says "that wasn't me", about a device signed in by the home network or
 * about a login request, that requester cannot prompt the owner or sign in again by any
 * path: one-key, a history tile, a recommendation, CIBA. The owner's own PC, which signed
 * in before, is not caught by the block on the shared address.
 */
@ServiceTest
class ThatWasntMeTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    AuditLog audit;

    Api api;

    TestAccounts accounts;

    Map<String, Object> home;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        accounts = new TestAccounts(api);
        String suffix = String.format("%06x", (int) (Math.random() * 0xffffff));
        String mac = suffix.substring(0, 2) + ":" + suffix.substring(2, 4) + ":" + suffix.substring(4, 6);
        home = Map.of("ssid", "Home-" + suffix, "bssid", "a4:2b:b0:" + mac, "gateway_mac", "f8:1a:67:" + mac,
                "security", "personal");
    }

    @Test
    void whenDadSaysTheRecommendedTvWasntHimThenThatTvCannotReachHimByAnyPath() {
        TestAccounts.Account dad = accounts.register("dad");
        String dadsPhone = livesAtHome(dad);
        TestAccounts.Device dadsPc = accounts.signIn(dad, "pc", "Dad's PC");
        String tv = TestAccounts.unique("tv");

        Api.Response offered = options(tv);
        assertThat(offered.at("/accounts/0/source")).as(offered.text()).isEqualTo("recommendation");
        Api.Response signedIn = api.post("/api/v1/sign-in/recommended",
                Map.of("handle", offered.at("/accounts/0/handle"), "device", tvDevice(tv), "network", home), null);
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
        Api.Response history = options(tv);
        assertThat(history.at("/accounts/0/source")).as("the TV's history").isEqualTo("history");
        String historyHandle = history.at("/accounts/0/handle");
        String secondTv = TestAccounts.unique("tv");
        String recommendationHandle = options(secondTv).at("/accounts/0/handle");

        assertThat(api.post("/api/v1/sessions/" + signedIn.at("/session/id") + "/not-me", Map.of(), dadsPhone).status())
            .isEqualTo(204);

        assertThat(options(tv).json().path("accounts").size())
            .as("neither a history tile nor a recommendation of Dad on that TV")
            .isZero();
        Api.Response picked = api.post("/api/v1/sign-in-options/pick",
                Map.of("handle", historyHandle, "device", tvDevice(tv)), null);
        assertThat(picked.status()).as("a tile shown before: " + picked.text()).isEqualTo(403);
        assertThat(picked.field("code")).isEqualTo("requester_blocked");
        Api.Response oneKey = startOnTv(dad.loginName(), tv);
        assertThat(oneKey.field("code")).isEqualTo("requester_blocked");
        assertThat(startOnTv(dad.loginName(), TestAccounts.unique("tv")).field("code"))
            .as("another device id from the same address")
            .isEqualTo("requester_blocked");
        assertThat(options(secondTv).json().path("accounts").size())
            .as("nor recommended to another device on that network")
            .isZero();
        Api.Response recommended = api.post("/api/v1/sign-in/recommended",
                Map.of("handle", recommendationHandle, "device", tvDevice(secondTv), "network", home), null);
        assertThat(recommended.status()).as("a recommendation shown before: " + recommended.text()).isEqualTo(403);
        assertThat(recommended.field("code")).isEqualTo("requester_blocked");
        Api.Response ciba = bcAuthorize(dad.loginName(), tv);
        assertThat(ciba.status()).as(ciba.text()).isEqualTo(403);
        assertThat(ciba.field("error")).isEqualTo("access_denied");
        assertThat(api.get("/api/v1/approvals", dadsPhone).json().path("requests").size())
            .as("Dad's phone was not prompted")
            .isZero();
        assertThat(audit.recent(dad.id(), 30)).filteredOn(e -> e.entry().type() == AuditEventType.LOGIN_REFUSED)
            .extracting(e -> e.entry().detail())
            .contains("blocked");

        assertThat(startOnPc(dad.loginName(), dadsPc.deviceId()).status())
            .as("Dad's own PC on the same address still asks his phone")
            .isEqualTo(201);

        clock.advance(Duration.ofHours(25));
        assertThat(options(tv).json().path("accounts").size())
            .as("the TV's history no longer offers Dad, even after the block")
            .isZero();
    }

    @Test
    void whenDadDeniesAHistoryTilePickAsNotMeThenTheTvNoLongerListsHimAndCannotPromptHim() {
        TestAccounts.Account dad = accounts.register("dad");
        String dadsPhone = livesAtHome(dad);
        String tv = TestAccounts.unique("tv");
        Api.Response onTv = api.post("/api/v1/sign-in/password",
                Map.of("login", dad.loginName(), "password", TestAccounts.PASSWORD, "device", tvDevice(tv)), null);
        assertThat(api.delete("/api/v1/sessions/current", onTv.at("/tokens/access_token")).status()).isEqualTo(204);

        Api.Response tiles = options(tv);
        assertThat(tiles.at("/accounts/0/source")).as(tiles.text()).isEqualTo("history");
        Api.Response picked = api.post("/api/v1/sign-in-options/pick",
                Map.of("handle", tiles.at("/accounts/0/handle"), "device", tvDevice(tv)), null);
        assertThat(picked.status()).as(picked.text()).isEqualTo(201);
        String requestId = api.get("/api/v1/approvals", dadsPhone).at("/requests/0/request_id");
        assertThat(api.post("/api/v1/approvals/" + requestId + "/deny", Map.of("reason", "not_me"), dadsPhone).status())
            .isEqualTo(200);

        assertThat(options(tv).json().path("accounts").size()).isZero();
        assertThat(startOnTv(dad.loginName(), tv).field("code")).isEqualTo("requester_blocked");
        assertThat(bcAuthorize(dad.loginName(), tv).field("error")).isEqualTo("access_denied");
        Api.Response otherTv = options(TestAccounts.unique("tv"));
        assertThat(otherTv.text()).as("the network it reported is blocked too: nothing recommended there")
            .doesNotContain("\"recommendation\"");
    }

    /**
     * Dad's phone has been signed in on the home Wi-Fi for a week, so the network is a
     * home; his phone's token.
     */
    private String livesAtHome(TestAccounts.Account dad) {
        String token = null;
        for (int day = 0; day <= 6; day++) {
            Api.Response r = api.post("/api/v1/sign-in/password",
                    Map.of("login", dad.loginName(), "password", TestAccounts.PASSWORD, "device",
                            Map.of("id", "phone-" + dad.loginName(), "type", "phone", "name", "Dad's phone"), "network",
                            home),
                    null);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            token = r.at("/tokens/access_token");
            if (day < 6) {
                clock.advance(Duration.ofDays(1));
            }
        }
        return token;
    }

    private Api.Response options(String tv) {
        return api.post("/api/v1/sign-in-options", Map.of("device", tvDevice(tv), "network", home), null);
    }

    private Api.Response startOnTv(String login, String deviceId) {
        return api.post("/api/v1/login-requests", Map.of("login", login, "device", tvDevice(deviceId)), null);
    }

    private Api.Response startOnPc(String login, String deviceId) {
        return api.post("/api/v1/login-requests",
                Map.of("login", login, "device", Map.of("id", deviceId, "type", "pc", "name", "Dad's PC")), null);
    }

    private Api.Response bcAuthorize(String login, String deviceId) {
        return api.form("/oauth2/bc-authorize",
                Map.of("login_hint", login, "scope", "openid", "device_id", deviceId, "device_type", "tv"),
                "onekey-ciba", "change-me-ciba-secret");
    }

    private static Map<String, Object> tvDevice(String id) {
        return Map.of("id", id, "type", "tv", "name", "Living-room TV");
    }

}
