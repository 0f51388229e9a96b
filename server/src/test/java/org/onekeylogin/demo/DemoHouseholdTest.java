package org.onekeylogin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo household over the API: what {@code --demo} seeds, and that without it nothing
 * is there.
 */
class DemoHouseholdTest {

    static final String DEMO = "onekey.demo.enabled=true";

    /**
     * Phone approvals and QR codes that run out in seconds, for the browser tests; set
     * here too so that both classes share one service.
     */
    static final String SHORT_APPROVALS = "onekey.approval.expiry=PT10S";

    static final String SHORT_QR_CODES = "onekey.tokens.device-code-ttl=PT10S";

    static Map<String, Object> wifi(NetworkReport report) {
        return Map.of("ssid", report.ssid(), "bssid", report.bssid(), "gateway_mac", report.gatewayMac(), "security",
                report.security().wireName());
    }

    static Api.Response options(Api api, NetworkReport network) {
        return options(api, network, TestAccounts.unique("tv"));
    }

    static Api.Response options(Api api, NetworkReport network, String tv) {
        return api.post("/api/v1/sign-in-options",
                Map.of("device", Map.of("id", tv, "type", "tv", "name", "Living-room TV"), "network", wifi(network)),
                null);
    }

    static List<String> recommended(Api.Response options) {
        return options.json()
            .path("accounts")
            .valueStream()
            .filter(a -> a.path("source").asString().equals("recommendation"))
            .map(a -> a.path("masked_name").asString())
            .toList();
    }

    @Nested
    @ServiceTest
    @TestPropertySource(properties = { DEMO, SHORT_APPROVALS, SHORT_QR_CODES })
    class WithTheDemoSwitch {

        final Api api;

        WithTheDemoSwitch(Api api) {
            this.api = api;
        }

        @Test
        void theTvOnTheHomeWifiRecommendsDadThenMumStraightAway() {
            Api.Response options = options(api, DemoNetworks.HOME);
            assertThat(options.at("/network/kind")).isEqualTo("home");
            assertThat(recommended(options)).containsExactly("d****", "m****");
            assertThat(options.at("/accounts/0/membership_tier")).isEqualTo("vip");
        }

        @Test
        void theOfficeWifiWithItsFortyColleaguesRecommendsNobody() {
            Api.Response options = options(api, DemoNetworks.OFFICE);
            assertThat(options.at("/network/kind")).isEqualTo("office");
            assertThat(options.at("/network/reasons/0")).isEqualTo("many_accounts:40");
            assertThat(options.json().path("accounts").size()).isZero();
            assertThat(options.json().path("methods").size()).isEqualTo(2);
        }

        @Test
        void mumsPhoneApprovesForTheKidAndReadsTheTextSentWhenTheTvSignsInAsMum() {
            Api.Response mum = api
                .post("/api/v1/sign-in/password",
                        Map.of("login", "mum", "password", DemoHousehold.PASSWORD, "device",
                                Map.of("id", TestAccounts.unique("phone"), "type", "phone", "name", "Mum's phone")),
                        null);
            assertThat(mum.status()).isEqualTo(200);
            Api.Response kid = api.post("/api/v1/login-requests", Map.of("login", "kid", "device",
                    Map.of("id", TestAccounts.unique("pc"), "type", "pc", "name", "Kid's PC")), null);
            assertThat(kid.status()).as(kid.text()).isEqualTo(201);
            assertThat(kid.at("/control_terminals")).isEqualTo("1");

            String mumToken = mum.at("/tokens/access_token");
            assertThat(api.get("/api/v1/demo/texts", mumToken).json().path("texts").size()).isZero();
            String tv = TestAccounts.unique("tv");
            Api.Response offered = options(api, DemoNetworks.HOME, tv);
            assertThat(offered.at("/accounts/1/masked_name")).isEqualTo("m****");
            Api.Response signedIn = api.post("/api/v1/sign-in/recommended",
                    Map.of("handle", offered.at("/accounts/1/handle"), "device",
                            Map.of("id", tv, "type", "tv", "name", "Living-room TV"), "network",
                            wifi(DemoNetworks.HOME)),
                    null);
            assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);

            Api.Response texts = api.get("/api/v1/demo/texts", mumToken);
            assertThat(texts.at("/texts/0/text")).contains("signed in on Living-room TV");
            assertThat(texts.at("/texts/0/purpose")).isEqualTo("signed_in_elsewhere");
        }

        @Test
        void theDemoEndpointNamesTheHouseholdAndItsPassword() {
            Api.Response demo = api.get("/api/v1/demo", null);
            assertThat(demo.at("/enabled")).isEqualTo("true");
            assertThat(demo.at("/password")).isEqualTo(DemoHousehold.PASSWORD);
            assertThat(demo.json().path("household").valueStream().map(m -> m.path("login").asString()))
                .containsExactly("dad", "mum", "kid", "grandma");
            assertThat(demo.at("/networks/0/gateway_mac")).isEqualTo(DemoNetworks.HOME.gatewayMac());
        }

    }

    @Nested
    @ServiceTest
    class WithoutTheDemoSwitch {

        @Test
        void theDatabaseStaysEmptyAndTheDemoTextsAreNotServed(Api api, TestAccounts accounts) {
            assertThat(api.get("/api/v1/demo", null).at("/enabled")).isEqualTo("false");
            assertThat(api.get("/api/v1/demo", null).json().has("password")).isFalse();
            Api.Response dad = api.post("/api/v1/sign-in/password",
                    Map.of("login", "dad", "password", DemoHousehold.PASSWORD, "device",
                            Map.of("id", TestAccounts.unique("phone"), "type", "phone", "name", "Phone")),
                    null);
            assertThat(dad.field("code")).isEqualTo("invalid_credentials");
            assertThat(options(api, DemoNetworks.HOME).json().path("accounts").size()).isZero();

            TestAccounts.Account someone = accounts.register("someone");
            String token = accounts.signIn(someone, "phone", "Phone").accessToken();
            assertThat(api.get("/api/v1/demo/texts", token).status()).isEqualTo(404);
        }

    }

}
