package org.onekeylogin.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;

/**
 * A network the account trusts lets its new devices through a stranger's flood, and the
 * network a one-key request reports is what "that wasn't me" blocks. A CIBA request is
 * the client's server asking: its address is never taken for the requester's.
 */
@ServiceTest
class TrustedNetworkTest {

    private static final String HOME_ADDRESS = "198.51.100.7";

    final Api api;

    final TestAccounts accounts;

    TrustedNetworkTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenStrangersFillTheCeilingThenDadsNewPcOnTheHomeWifiStillAsksHisPhone() {
        for (int round = 0; round < 3; round++) {
            Map<String, Object> home = newWifi();
            TestAccounts.Account dad = accounts.register("dad");
            TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
            Api.Response tablet = passwordSignIn(dad, TestAccounts.unique("tablet"), home, HOME_ADDRESS);
            assertThat(tablet.status()).as(tablet.text()).isEqualTo(200);

            String strangers = "203.0." + (113 + round) + ".";
            List<Integer> flood = Concurrently.run(50,
                    i -> start(dad.loginName(), TestAccounts.unique("stranger-pc"), null, strangers + (i + 1))
                        .status());
            assertThat(flood).filteredOn(s -> s == 201).hasSize(20);

            Api.Response newPcAtHome = start(dad.loginName(), TestAccounts.unique("dads-new-pc"), home, "198.51.100.9");
            assertThat(newPcAtHome.status()).as("a new PC on the home Wi-Fi: " + newPcAtHome.text()).isEqualTo(201);
            Api.Response withoutReport = start(dad.loginName(), TestAccounts.unique("dads-new-pc"), null,
                    "198.51.100.9");
            assertThat(withoutReport.status()).as("the same address without the network's report").isEqualTo(429);
            Api.Response copiedReport = start(dad.loginName(), TestAccounts.unique("stranger-pc"), home,
                    strangers + "200");
            assertThat(copiedReport.status()).as("the home's report sent from elsewhere: " + copiedReport.text())
                .isEqualTo(429);
            assertThat(copiedReport.at("/details/limit")).isEqualTo("account");
            assertThat(api.get("/api/v1/approvals", phone.accessToken()).json().path("requests").size())
                .as("twenty from strangers and Dad's own")
                .isEqualTo(21);
        }
    }

    @Test
    void whenDadSaysAOneKeyRequestWasntHimThenTheNetworkItReportedIsBlockedToo() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        Map<String, Object> cafe = newWifi();
        Api.Response stranger = start(dad.loginName(), TestAccounts.unique("stranger-pc"), cafe, "203.0.113.10");
        assertThat(stranger.status()).as(stranger.text()).isEqualTo(201);
        String requestId = api.get("/api/v1/approvals", phone.accessToken()).at("/requests/0/request_id");
        assertThat(api.post("/api/v1/approvals/" + requestId + "/deny", Map.of("reason", "not_me"), phone.accessToken())
            .status()).isEqualTo(200);

        Api.Response again = start(dad.loginName(), TestAccounts.unique("stranger-laptop"), cafe, "203.0.113.99");
        assertThat(again.status()).as("another device and address on that network: " + again.text()).isEqualTo(403);
        assertThat(again.field("code")).isEqualTo("requester_blocked");
        assertThat(start(dad.loginName(), TestAccounts.unique("pc"), null, "203.0.114.10").status())
            .as("elsewhere, Dad can still be asked")
            .isEqualTo(201);
    }

    @Test
    void whenDadSaysACibaRequestWasntHimThenTheShopsServerAddressIsNotBlockedForHisOtherDevices() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        Api.Response ciba = api.form("/oauth2/bc-authorize", Map.of("login_hint", dad.loginName(), "scope", "openid"),
                "onekey-ciba", "change-me-ciba-secret");
        assertThat(ciba.status()).as(ciba.text()).isEqualTo(200);
        var prompt = api.get("/api/v1/approvals", phone.accessToken()).json().path("requests").get(0);
        assertThat(prompt.path("requester").path("ip_address").isMissingNode()
                || prompt.path("requester").path("ip_address").isNull())
            .as("the shop server's address is not shown as the requester's: " + prompt)
            .isTrue();
        assertThat(api
            .post("/api/v1/approvals/" + prompt.path("request_id").asString() + "/deny", Map.of("reason", "not_me"),
                    phone.accessToken())
            .status()).isEqualTo(200);

        Api.Response cibaAgain = api.form("/oauth2/bc-authorize",
                Map.of("login_hint", dad.loginName(), "scope", "openid"), "onekey-ciba", "change-me-ciba-secret");
        assertThat(cibaAgain.field("error")).as("the same client for the same account").isEqualTo("access_denied");
        // the test's requests all come from 127.0.0.1, the shop server's address too
        Api.Response pc = api.post("/api/v1/login-requests", Map.of("login", dad.loginName(), "device",
                Map.of("id", TestAccounts.unique("pc"), "type", "pc", "name", "Dad's PC")), null);
        assertThat(pc.status()).as("a device at the shop server's address: " + pc.text()).isEqualTo(201);
    }

    private Api.Response passwordSignIn(TestAccounts.Account account, String deviceId, Map<String, Object> network,
            String address) {
        return api
            .raw("POST", "/api/v1/sign-in/password", "application/json",
                    Api.JSON.writeValueAsString(Map.of("login", account.loginName(), "password", TestAccounts.PASSWORD,
                            "device", Map.of("id", deviceId, "type", "tablet", "name", "Dad's tablet"), "network",
                            network)),
                    Map.of("X-Forwarded-For", address));
    }

    private Api.Response start(String login, String deviceId, Map<String, Object> network, String address) {
        Map<String, Object> body = network == null
                ? Map.of("login", login, "device", Map.of("id", deviceId, "type", "pc", "name", "Windows PC"))
                : Map.of("login", login, "device", Map.of("id", deviceId, "type", "pc", "name", "Windows PC"),
                        "network", network);
        return api.raw("POST", "/api/v1/login-requests", "application/json", Api.JSON.writeValueAsString(body),
                Map.of("X-Forwarded-For", address));
    }

    private static Map<String, Object> newWifi() {
        String suffix = String.format("%06x", (int) (Math.random() * 0xffffff));
        String mac = suffix.substring(0, 2) + ":" + suffix.substring(2, 4) + ":" + suffix.substring(4, 6);
        return Map.of("ssid", "Home-" + suffix, "bssid", "a4:2b:b0:" + mac, "gateway_mac", "f8:1a:67:" + mac,
                "security", "personal");
    }

}
