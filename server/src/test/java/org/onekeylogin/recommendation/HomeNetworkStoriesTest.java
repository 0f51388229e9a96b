package org.onekeylogin.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.AccountStanding;
import org.onekeylogin.account.AccountStatus;
import org.onekeylogin.account.MembershipTier;
import org.onekeylogin.account.Registration;
import org.onekeylogin.account.RiskProfile;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.network.ObservedNetwork;
import org.onekeylogin.network.WifiSecurity;
import org.onekeylogin.sms.SmsOutbox;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * PRODUCT.md's stories "Grandma's TV", "The office" and "A spoofed network", over real
 * HTTP with an injected clock.
 */
@ServiceTest
class HomeNetworkStoriesTest {

    @Autowired
    TestClock clock;

    @Autowired
    AccountService accountService;

    @Autowired
    NetworkEnvironments networks;

    @Autowired
    SmsOutbox outbox;

    @Autowired
    DataSource dataSource;

    final Api api;

    final TestAccounts accounts;

    HomeNetworkStoriesTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    /**
     * A home Wi-Fi with its own, unique identifiers (raw values the service must never
     * store).
     */
    record Wifi(String ssid, String bssid, String gateway, String security) {
        Map<String, Object> json() {
            return Map.of("ssid", ssid, "bssid", bssid, "gateway_mac", gateway, "security", security);
        }

        NetworkReport report() {
            return new NetworkReport(ssid, bssid, gateway, WifiSecurity.fromWire(security));
        }
    }

    static Wifi newWifi(String name, String security) {
        String suffix = String.format("%06x", (int) (Math.random() * 0xffffff));
        String mac = suffix.substring(0, 2) + ":" + suffix.substring(2, 4) + ":" + suffix.substring(4, 6);
        return new Wifi(name + "-" + suffix, "a4:2b:b0:" + mac, "f8:1a:67:" + mac, security);
    }

    @Test
    void grandmasTvListsDadThenMumAndSignsInToDadWhoIsToldAndSignsItOut() throws Exception {
        Wifi home = newWifi("Liu-Home", "personal");
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Account mum = accounts.register("mum");
        String dadsPhone = "+8613" + String.format("%09d", (long) (Math.random() * 1e9));
        setPhone(dad, dadsPhone);
        accountService.updateStanding(dad.id(),
                new AccountStanding(AccountStatus.ACTIVE, MembershipTier.VIP, 10, RiskProfile.NONE));
        // Dad's phone has been signed in on the home Wi-Fi for weeks, Mum's for days
        String dadsToken = null;
        for (int day = 0; day <= 21; day++) {
            if (day % 3 == 0) {
                dadsToken = signInOnWifi(dad, "phone-" + dad.loginName(), "phone", "Dad's phone", home, null);
            }
            if (day >= 18) {
                signInOnWifi(mum, "phone-" + mum.loginName(), "phone", "Mum's phone", home, null);
            }
            if (day < 21) {
                clock.advance(Duration.ofDays(1));
            }
        }

        String tv = TestAccounts.unique("tv");
        Api.Response options = options(tv, home, null);
        assertThat(options.status()).as(options.text()).isEqualTo(200);
        assertThat(options.at("/network/kind")).isEqualTo("home");
        assertThat(options.json().path("accounts").size()).isEqualTo(2);
        assertThat(options.at("/accounts/0/masked_name")).isEqualTo(masked(dad.loginName()));
        assertThat(options.at("/accounts/0/source")).isEqualTo("recommendation");
        assertThat(options.at("/accounts/0/membership_tier")).isEqualTo("vip");
        assertThat(options.at("/accounts/1/masked_name")).isEqualTo(masked(mum.loginName()));
        assertThat(options.text()).doesNotContain(dad.loginName()).doesNotContain(dad.id());
        assertThat(options.at("/methods/0/method")).isEqualTo("qr_code");

        try (EventStream dadsEvents = api.stream(dadsToken, null)) {
            dadsEvents.awaitOpen();
            Api.Response signedIn = api.post("/api/v1/sign-in/recommended",
                    Map.of("handle", options.at("/accounts/0/handle"), "device", tvDevice(tv), "network", home.json()),
                    null);
            assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
            assertThat(signedIn.at("/session/method")).isEqualTo("recommendation");
            String tvToken = signedIn.at("/tokens/access_token");
            assertThat(api.get("/api/v1/account", tvToken).field("login_name")).isEqualTo(dad.loginName());
            assertThat(decodeClaims(tvToken)).contains("\"amr\":[\"home_network\"]");

            EventStream.Event notice = dadsEvents.next(Duration.ofSeconds(1));
            assertThat(notice).as("Dad's phone is told within a second").isNotNull();
            assertThat(notice.name()).isEqualTo("signed_in_elsewhere");
            assertThat(notice.json().at("/device/name").asString()).isEqualTo("Living-room TV");
            assertThat(outbox.latestFor(dadsPhone).orElseThrow().text()).contains("Living-room TV");

            try (EventStream tvEvents = api.stream(tvToken, null)) {
                tvEvents.awaitOpen();
                String tvSession = notice.json().path("session_id").asString();
                assertThat(api.delete("/api/v1/sessions/" + tvSession, dadsToken).status()).isEqualTo(204);
                assertThat(tvEvents.next(Duration.ofSeconds(1)).name()).isEqualTo("signed_out");
            }
            assertThat(api.get("/api/v1/account", tvToken).status()).as("signed out at once").isEqualTo(401);
        }

        Api.Response reused = api.post("/api/v1/sign-in/recommended",
                Map.of("handle", options.at("/accounts/0/handle"), "device", tvDevice(tv), "network", home.json()),
                null);
        assertThat(reused.field("code")).as("handles work once").isEqualTo("sign_in_choice_invalid");

        assertThat(rawValuesInDatabase(home)).as("raw SSID, BSSID and MAC appear in no table").isEmpty();
    }

    @Test
    void theOfficeWifiWith40AccountsGetsNoRecommendation() {
        Wifi office = newWifi("Office", "personal");
        // forty colleagues' sign-ins, recorded the way a sign-in records them; Grandma's
        // TV signs in over HTTP
        ObservedNetwork network = networks.identify(office.report());
        for (int i = 0; i < 40; i++) {
            Account worker = accountService
                .register(new Registration(TestAccounts.unique("worker"), null, "Worker", TestAccounts.PASSWORD));
            networks.seen(network, "127.0.0.1");
            networks.signedIn(network, worker.id());
        }
        clock.advance(Duration.ofDays(5));
        Api.Response options = options(TestAccounts.unique("tv"), office, null);
        assertThat(options.at("/network/kind")).isEqualTo("office");
        assertThat(options.at("/network/reasons/0")).isEqualTo("many_accounts:40");
        assertThat(options.json().path("accounts").size()).isZero();
        assertThat(options.at("/methods/0/method")).isEqualTo("qr_code");
        assertThat(options.at("/methods/1/method")).isEqualTo("sms_code");
    }

    @Test
    void aClientReportingTheHomeBssidFromAnotherPublicAddressGetsNoRecommendation() {
        Wifi home = newWifi("Liu-Home", "personal");
        TestAccounts.Account dad = accounts.register("dad");
        signInOnWifi(dad, "phone-" + dad.loginName(), "phone", "Dad's phone", home, null);
        clock.advance(Duration.ofDays(4));
        signInOnWifi(dad, "phone-" + dad.loginName(), "phone", "Dad's phone", home, null);

        Api.Response fromHome = options(TestAccounts.unique("tv"), home, null);
        assertThat(fromHome.at("/network/kind")).isEqualTo("home");
        assertThat(fromHome.json().path("accounts").size()).isEqualTo(1);

        Api.Response spoofed = options(TestAccounts.unique("tv"), home, "203.0.113.9");
        assertThat(spoofed.at("/network/kind")).isEqualTo("unknown");
        assertThat(spoofed.text()).contains("address_not_seen_with_network");
        assertThat(spoofed.json().path("accounts").size()).isZero();
    }

    @Test
    void aNewNetworkGetsNoRecommendationUntilItHasThreeDaysOfHistory() {
        Wifi home = newWifi("New-Home", "personal");
        TestAccounts.Account mum = accounts.register("mum");
        signInOnWifi(mum, "phone-" + mum.loginName(), "phone", "Mum's phone", home, null);
        Api.Response options = options(TestAccounts.unique("tv"), home, null);
        assertThat(options.at("/network/kind")).isEqualTo("unknown");
        assertThat(options.text()).contains("too_new");
    }

    @Test
    void anOpenWifiIsPublic() {
        Wifi cafe = newWifi("Cafe", "open");
        signInOnWifi(accounts.register("guest"), TestAccounts.unique("phone"), "phone", "Phone", cafe, null);
        clock.advance(Duration.ofDays(5));
        assertThat(options(TestAccounts.unique("tv"), cafe, null).at("/network/kind")).isEqualTo("public");
    }

    private String signInOnWifi(TestAccounts.Account account, String deviceId, String type, String name, Wifi wifi,
            String forwardedFor) {
        Api.Response r = send(
                "/api/v1/sign-in/password", Map.of("login", account.loginName(), "password", TestAccounts.PASSWORD,
                        "device", Map.of("id", deviceId, "type", type, "name", name), "network", wifi.json()),
                forwardedFor);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.at("/tokens/access_token");
    }

    private Api.Response options(String tv, Wifi wifi, String forwardedFor) {
        return send("/api/v1/sign-in-options", Map.of("device", tvDevice(tv), "network", wifi.json()), forwardedFor);
    }

    private Api.Response send(String path, Object body, String forwardedFor) {
        return api.raw("POST", path, "application/json", Api.JSON.writeValueAsString(body),
                forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
    }

    private void setPhone(TestAccounts.Account account, String phone) throws Exception {
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement("UPDATE account SET phone_number = ? WHERE id = ?")) {
            s.setString(1, phone);
            s.setString(2, account.id());
            s.executeUpdate();
        }
    }

    /**
     * Every text value of every table of the service that contains one of the raw network
     * identifiers.
     */
    private List<String> rawValuesInDatabase(Wifi wifi) throws Exception {
        List<String> found = new ArrayList<>();
        List<String> needles = List.of(wifi.ssid().toLowerCase(Locale.ROOT), wifi.bssid(), wifi.gateway(),
                wifi.bssid().replace(":", ""), wifi.gateway().replace(":", ""));
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] { "TABLE" })) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("the scan sees the service's tables").hasSizeGreaterThan(10);
            for (String table : tables) {
                try (Statement s = c.createStatement();
                        ResultSet rows = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rows.getString(i);
                            if (value != null && needles.stream().anyMatch(value.toLowerCase(Locale.ROOT)::contains)) {
                                found.add(table + "." + rows.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, Object> tvDevice(String id) {
        return Map.of("id", id, "type", "tv", "name", "Living-room TV");
    }

    private static String masked(String login) {
        return login.substring(0, 2) + "****" + login.substring(login.length() - 4);
    }

    private static String decodeClaims(String jwt) {
        return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

}
