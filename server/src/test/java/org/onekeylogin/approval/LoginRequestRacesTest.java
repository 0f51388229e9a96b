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
 * The anti-fatigue limits of phone approval hold when the requests arrive at the same
 * moment: a request is checked and recorded under a row lock on the account, so no two
 * requests for one account can both pass a limit. The account's ceiling under a flood
 * from many addresses is raced in {@link StrangerAtTheDoorTest}.
 */
@ServiceTest
class LoginRequestRacesTest {

    private static final int AT_ONCE = 50;

    final Api api;

    final TestAccounts accounts;

    LoginRequestRacesTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenFiftyDevicesOnOneAddressAskForOneAccountAtOnceThenExactlyTheRequesterBurstGetsThrough() {
        for (int round = 0; round < 3; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            accounts.signIn(dad, "phone", "Dad's phone");
            String address = "198.51.100." + (10 + round);
            List<Integer> statuses = Concurrently.run(AT_ONCE,
                    i -> start(dad.loginName(), TestAccounts.unique("pc"), address).status());
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(AT_ONCE - 3);
        }
    }

    @Test
    void whenOneDeviceAsksFiftyTimesAtOnceThenExactlyOneRequestStaysOpen() {
        for (int round = 0; round < 3; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
            String pc = TestAccounts.unique("pc");
            List<Integer> statuses = Concurrently.run(AT_ONCE, i -> start(dad.loginName(), pc, "203.0.113.7").status());
            // each request that got through replaced the one before it: the requester's
            // burst counts them all
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(AT_ONCE - 3);
            assertThat(api.get("/api/v1/approvals", phone.accessToken()).json().path("requests").size())
                .as("one open request per device")
                .isEqualTo(1);
        }
    }

    private Api.Response start(String login, String deviceId, String address) {
        return api.raw("POST", "/api/v1/login-requests", "application/json",
                Api.JSON.writeValueAsString(
                        Map.of("login", login, "device", Map.of("id", deviceId, "type", "pc", "name", "Windows PC"))),
                Map.of("X-Forwarded-For", address));
    }

}
