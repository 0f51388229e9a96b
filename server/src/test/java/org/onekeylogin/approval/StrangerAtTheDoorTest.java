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
 * Someone who knows the login name floods sign-in requests: the owner's phone sees only a
 * few, and the owner's own PC, which has signed in to the account before, still signs in
 * by phone at once.
 */
@ServiceTest
class StrangerAtTheDoorTest {

    private static final String STRANGER = "203.0.113.66";

    final Api api;

    final TestAccounts accounts;

    StrangerAtTheDoorTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenAStrangerSendsTwentyRequestsThenThePhoneShowsAFewAndDadsOwnPcStillSignsIn() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        TestAccounts.Device dadsPc = accounts.signIn(dad, "pc", "Dad's PC");
        assertThat(api.delete("/api/v1/sessions/current", dadsPc.accessToken()).status()).isEqualTo(204);

        int through = 0;
        for (int i = 0; i < 20; i++) {
            Api.Response r = start(dad.loginName(), TestAccounts.unique("stranger-pc"), STRANGER);
            through += r.status() == 201 ? 1 : 0;
            assertThat(r.status()).as(r.text()).isIn(201, 429);
        }
        assertThat(through).as("the burst of one requester").isEqualTo(3);
        assertThat(api.get("/api/v1/approvals", phone.accessToken()).json().path("requests").size()).isEqualTo(3);

        Api.Response fromHome = start(dad.loginName(), dadsPc.deviceId(), "198.51.100.20");
        assertThat(fromHome.status()).as("Dad's PC at once: " + fromHome.text()).isEqualTo(201);
        Api.Response own = start(dad.loginName(), dadsPc.deviceId(), STRANGER);
        assertThat(own.status()).as("even from the stranger's address: " + own.text()).isEqualTo(201);
        assertThat(api.get("/api/v1/approvals", phone.accessToken()).json().path("requests").size())
            .as("three from the stranger, Dad's latest")
            .isEqualTo(4);
        String requestId = newestRequest(phone);
        Api.Response approved = api.post("/api/v1/approvals/" + requestId + "/approve",
                Map.of("code", own.field("verification_code")), phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        Api.Response tokens = api.post("/api/v1/login-requests/session",
                Map.of("auth_req_id", own.field("auth_req_id")), null);
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
    }

    @Test
    void whenFiftyStrangersFloodAtOnceThenExactlyTheAccountCeilingGetsThroughAndDadsPcStillDoes() {
        for (int round = 0; round < 3; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            accounts.signIn(dad, "phone", "Dad's phone");
            TestAccounts.Device dadsPc = accounts.signIn(dad, "pc", "Dad's PC");
            String network = "198.18." + round + ".";
            List<Integer> statuses = Concurrently.run(50,
                    i -> start(dad.loginName(), TestAccounts.unique("stranger-pc"), network + (i + 1)).status());
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(20);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(30);
            Api.Response refused = start(dad.loginName(), TestAccounts.unique("stranger-pc"), "198.18.9.9");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.at("/details/limit")).isEqualTo("account");
            assertThat(start(dad.loginName(), dadsPc.deviceId(), "198.18.9.9").status())
                .as("a device that signed in before is not held to the strangers' ceiling")
                .isEqualTo(201);
        }
    }

    private String newestRequest(TestAccounts.Device phone) {
        var requests = api.get("/api/v1/approvals", phone.accessToken()).json().path("requests");
        return requests.get(requests.size() - 1).path("request_id").asString();
    }

    private Api.Response start(String login, String deviceId, String address) {
        return api.raw("POST", "/api/v1/login-requests", "application/json",
                Api.JSON.writeValueAsString(
                        Map.of("login", login, "device", Map.of("id", deviceId, "type", "pc", "name", "Windows PC"))),
                Map.of("X-Forwarded-For", address));
    }

}
