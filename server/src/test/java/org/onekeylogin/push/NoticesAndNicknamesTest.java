package org.onekeylogin.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP: how an account appears on its household's screens (a nickname it opted
 * into, shown only on a home network, and one avatar colour everywhere), and the
 * account's kept notifications (listed newest first, marked read, kept at least seven
 * days, then cleaned up).
 */
@ServiceTest
class NoticesAndNicknamesTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    Notifications notifications;

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
    void whenDadChoosesANicknameThenTheHomeTvShowsItWithHisColourAndTheOfficeSeesOnlyTheMaskedName() {
        TestAccounts.Account dad = accounts.register("dad");
        String phone = livesAtHome(dad);
        Api.Response before = options(TestAccounts.unique("tv"), home);
        assertThat(before.at("/accounts/0/masked_name")).as(before.text())
            .isEqualTo(org.onekeylogin.account.MaskedName.of(dad.loginName()));
        assertThat(before.json().path("accounts").get(0).has("nickname")).as("masked by default").isFalse();
        String derived = before.at("/accounts/0/avatar_color");
        assertThat(api.get("/api/v1/account", phone).field("avatar_color")).as("the same colour on the phone")
            .isEqualTo(derived);

        Api.Response set = api.put("/api/v1/account/appearance", Map.of("nickname", "  Dad ", "avatar_color", "teal"),
                phone);
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.field("nickname")).isEqualTo("Dad");
        assertThat(set.field("avatar_color")).isEqualTo("teal");

        String tv = TestAccounts.unique("tv");
        Api.Response after = options(tv, home);
        assertThat(after.at("/accounts/0/nickname")).isEqualTo("Dad");
        assertThat(after.at("/accounts/0/avatar_color")).isEqualTo("teal");
        Api.Response signedIn = api.post("/api/v1/sign-in/recommended",
                Map.of("handle", after.at("/accounts/0/handle"), "device", tvDevice(tv), "network", home), null);
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);

        // the same TV on an office network: its history tile, masked
        Map<String, Object> office = new HashMap<>(home);
        office.put("ssid", "Office-" + home.get("ssid"));
        office.put("bssid", "00:00:5e:00:53:" + ((String) home.get("bssid")).substring(15));
        office.put("gateway_mac", "00:00:5e:00:54:" + ((String) home.get("gateway_mac")).substring(15));
        office.put("security", "enterprise");
        Api.Response elsewhere = options(tv, office);
        assertThat(elsewhere.at("/accounts/0/source")).as(elsewhere.text()).isEqualTo("history");
        assertThat(elsewhere.json().path("accounts").get(0).has("nickname")).isFalse();
        assertThat(elsewhere.at("/accounts/0/avatar_color")).isEqualTo("teal");

        // a visitor who signed in on Dad's TV: its nickname is for its own home, not
        // Dad's
        TestAccounts.Account guest = accounts.register("guest");
        Api.Response guestOnTv = api.post("/api/v1/sign-in/password",
                Map.of("login", guest.loginName(), "password", TestAccounts.PASSWORD, "device", tvDevice(tv)), null);
        assertThat(guestOnTv.status()).as(guestOnTv.text()).isEqualTo(200);
        assertThat(
                api.put("/api/v1/account/appearance", Map.of("nickname", "Uncle"), guestOnTv.at("/tokens/access_token"))
                    .status())
            .isEqualTo(200);
        Api.Response tiles = options(tv, home);
        var byName = new HashMap<String, tools.jackson.databind.JsonNode>();
        tiles.json().path("accounts").valueStream().forEach(a -> byName.put(a.path("masked_name").asString(), a));
        assertThat(byName.get(org.onekeylogin.account.MaskedName.of(guest.loginName())).has("nickname"))
            .as("a visitor's tile stays masked: " + tiles.text())
            .isFalse();
        assertThat(byName.get(org.onekeylogin.account.MaskedName.of(dad.loginName())).path("nickname").asString())
            .isEqualTo("Dad");

        Api.Response cleared = api.put("/api/v1/account/appearance", Map.of(), phone);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().has("nickname")).isFalse();
        assertThat(cleared.field("avatar_color")).isEqualTo(derived);
    }

    @Test
    void whenTheAppearanceIsNotAllowedThenItIsRefusedWithTheField() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("mum"), "phone", "Mum's phone");
        Api.Response tooLong = api.put("/api/v1/account/appearance", Map.of("nickname", "M".repeat(25)),
                phone.accessToken());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.field("code")).isEqualTo("validation_failed");
        assertThat(tooLong.at("/details/field")).isEqualTo("nickname");
        Api.Response markup = api.put("/api/v1/account/appearance", Map.of("nickname", "<b>Mum</b>"),
                phone.accessToken());
        assertThat(markup.status()).isEqualTo(400);
        Api.Response colour = api.put("/api/v1/account/appearance", Map.of("avatar_color", "#ff0000"),
                phone.accessToken());
        assertThat(colour.status()).isEqualTo(400);
        assertThat(colour.at("/details/field")).isEqualTo("avatar_color");
        assertThat(api.put("/api/v1/account/appearance", Map.of("nickname", "Mum"), null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/account", phone.accessToken()).json().has("nickname")).isFalse();
    }

    @Test
    void whenTheHomeNetworkSignsInATvThenTheNoticeIsKeptForAWeekMarkedReadAndThenCleanedUp() {
        TestAccounts.Account dad = accounts.register("dad");
        String phone = livesAtHome(dad);
        String tv = TestAccounts.unique("tv");
        Api.Response signedIn = api.post("/api/v1/sign-in/recommended",
                Map.of("handle", options(tv, home).at("/accounts/0/handle"), "device", tvDevice(tv), "network", home),
                null);
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        phone = accounts.signIn(dad, "phone", "Dad's new phone").accessToken(); // the old
                                                                                // token
                                                                                // ran out
        Api.Response list = api.get("/api/v1/notifications", phone);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.at("/notifications/0/type")).isEqualTo("signed_in_elsewhere");
        assertThat(list.at("/notifications/0/read")).isEqualTo("false");
        assertThat(list.at("/notifications/0/data/session_id")).isEqualTo(signedIn.at("/session/id"));
        assertThat(list.at("/notifications/0/data/device/name")).isEqualTo("Living-room TV");
        String id = list.at("/notifications/0/id");

        TestAccounts.Device stranger = accounts.signIn(accounts.register("stranger"), "phone", "Stranger's phone");
        assertThat(api.post("/api/v1/notifications/" + id + "/read", Map.of(), stranger.accessToken()).status())
            .as("another account's notification")
            .isEqualTo(404);
        assertThat(api.get("/api/v1/notifications", stranger.accessToken()).json().path("notifications").size())
            .isZero();
        assertThat(api.post("/api/v1/notifications/not-a-number/read", Map.of(), phone).status()).isEqualTo(404);

        assertThat(api.post("/api/v1/notifications/" + id + "/read", Map.of(), phone).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/notifications/" + id + "/read", Map.of(), phone).status()).as("again")
            .isEqualTo(204);
        Api.Response read = api.get("/api/v1/notifications", phone);
        assertThat(read.at("/notifications/0/read")).isEqualTo("true");
        assertThat(read.at("/notifications/0/data/actions/not_me")).as("still reachable once read")
            .isEqualTo("POST /api/v1/sessions/" + signedIn.at("/session/id") + "/not-me");

        clock.advance(Duration.ofDays(31));
        notifications.deleteExpired();
        phone = accounts.signIn(dad, "phone", "Dad's new phone").accessToken();
        assertThat(api.get("/api/v1/notifications", phone).json().path("notifications").size()).isZero();
        assertThat(api.post("/api/v1/notifications/" + id + "/read", Map.of(), phone).status()).as("deleted")
            .isEqualTo(404);
    }

    /**
     * Where a request comes from, as the phone is told: a history tile picked on the TV
     * at home reaches Dad's phone on the same Wi-Fi as "same_network" and his phone away
     * from home as "home_network"; a PC elsewhere is "elsewhere", with its address in one
     * short form.
     */
    @Test
    void whenATvAtHomeAsksThenThePhoneAwayIsToldItIsTheHomeNetwork() {
        TestAccounts.Account dad = accounts.register("dad");
        String phoneAtHome = livesAtHome(dad);
        String tv = TestAccounts.unique("tv");
        Api.Response signedIn = api.post("/api/v1/sign-in/recommended",
                Map.of("handle", options(tv, home).at("/accounts/0/handle"), "device", tvDevice(tv), "network", home),
                null);
        assertThat(api.delete("/api/v1/sessions/current", signedIn.at("/tokens/access_token")).status()).isEqualTo(204);
        Api.Response away = api.raw("POST", "/api/v1/sign-in/password", "application/json",
                Api.JSON
                    .writeValueAsString(Map.of("login", dad.loginName(), "password", TestAccounts.PASSWORD, "device",
                            Map.of("id", TestAccounts.unique("phone"), "type", "phone", "name", "Dad's work phone"))),
                Map.of("X-Forwarded-For", "198.51.100.9"));
        assertThat(away.status()).as(away.text()).isEqualTo(200);
        String phoneAway = away.at("/tokens/access_token");

        Api.Response history = options(tv, home);
        assertThat(history.at("/accounts/0/source")).as(history.text()).isEqualTo("history");
        Api.Response picked = api.post("/api/v1/sign-in-options/pick",
                Map.of("handle", history.at("/accounts/0/handle"), "device", tvDevice(tv)), null);
        assertThat(picked.status()).as(picked.text()).isEqualTo(201);
        assertThat(api.get("/api/v1/approvals", phoneAtHome).at("/requests/0/from")).isEqualTo("same_network");
        Api.Response awayView = api.get("/api/v1/approvals", phoneAway);
        assertThat(awayView.at("/requests/0/from")).as(awayView.text()).isEqualTo("home_network");
        assertThat(awayView.at("/requests/0/requester/short_id")).matches("[0-9a-f]{4}");

        Api.Response pc = api.raw("POST", "/api/v1/login-requests", "application/json",
                Api.JSON.writeValueAsString(Map.of("login", dad.loginName(), "device",
                        Map.of("id", TestAccounts.unique("pc"), "type", "pc", "name", "Study PC"))),
                Map.of("X-Forwarded-For", "2001:db8:0:0:0:0:0:7"));
        assertThat(pc.status()).as(pc.text()).isEqualTo(201);
        Api.Response fromPc = api.get("/api/v1/approvals", phoneAtHome);
        var request = fromPc.json()
            .path("requests")
            .valueStream()
            .filter(r -> r.path("requester").path("name").asString().equals("Study PC"))
            .findFirst()
            .orElseThrow();
        assertThat(request.path("from").asString()).isEqualTo("elsewhere");
        assertThat(request.path("requester").path("ip_address").asString()).isEqualTo("2001:db8::7");
    }

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

    private Api.Response options(String tv, Map<String, Object> network) {
        return api.post("/api/v1/sign-in-options", Map.of("device", tvDevice(tv), "network", network), null);
    }

    private static Map<String, Object> tvDevice(String id) {
        return Map.of("id", id, "type", "tv", "name", "Living-room TV");
    }

}
