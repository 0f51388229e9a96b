package org.onekeylogin.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.LimitsTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Someone who knows the login name guesses passwords: each requester (its device, and its
 * address) gets a few guesses at once, then waits that grow, then none for the window,
 * and all strangers together get a ceiling; the owner's own PC, which has signed in to
 * the account before, signs in with the right password throughout. The defaults apply (a
 * burst of 5, a backoff of 30 seconds, 10 failures per requester in 15 minutes) but for
 * the account ceiling, lowered from 30 to 15 so that the passwords a flood gets checked
 * (bcrypt, all at once) stay within what a small test machine and its pool of four
 * database connections answer in time.
 */
@LimitsTest
class PasswordLimitsTest {

    private static final String WRONG = "not the password";

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    PasswordLimitsTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenAStrangerGuessesThirtyTimesThenItIsRefusedAfterItsBurstAndTheOwnersPcStillSignsIn() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device dadsPc = accounts.signIn(dad, "pc", "Dad's PC");
        String strangersTv = TestAccounts.unique("stranger-tv");

        int checked = 0;
        Api.Response last = null;
        for (int i = 0; i < 30; i++) {
            last = signIn(dad.loginName(), WRONG, strangersTv, "203.0.113.7");
            assertThat(last.status()).as(last.text()).isIn(401, 429);
            checked += last.status() == 401 ? 1 : 0;
        }
        assertThat(checked).as("the stranger's burst").isEqualTo(5);
        assertThat(last.field("code")).isEqualTo("too_many_requests");
        assertThat(last.at("/details/limit")).isEqualTo("requester");
        assertThat(last.json().at("/details/retry_after_seconds").asLong()).isPositive();
        assertThat(last.header("Retry-After")).isNotNull();

        assertThat(signIn(dad.loginName(), TestAccounts.PASSWORD, TestAccounts.unique("stranger-tv"), "203.0.113.7")
            .status()).as("another device id from the stranger's address is held to the address's limit")
            .isEqualTo(429);
        Api.Response own = signIn(dad.loginName(), TestAccounts.PASSWORD, dadsPc.deviceId(), "203.0.113.7");
        assertThat(own.status()).as("Dad's PC, even from the stranger's address: " + own.text()).isEqualTo(200);
        assertThat(signIn(dad.loginName(), TestAccounts.PASSWORD, dadsPc.deviceId(), "198.51.100.20").status())
            .isEqualTo(200);
    }

    @Test
    void whenAStrangerFiresThirtyAtOnceThenExactlyItsBurstIsCheckedAndTheOwnerSignsInMeanwhile() {
        for (int round = 0; round < 3; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            TestAccounts.Device dadsPc = accounts.signIn(dad, "pc", "Dad's PC");
            String strangersTv = TestAccounts.unique("stranger-tv");
            String address = "203.0.113." + (10 + round);
            List<Integer> statuses = Concurrently.run(31,
                    i -> i == 0 ? signIn(dad.loginName(), TestAccounts.PASSWORD, dadsPc.deviceId(), address).status()
                            : signIn(dad.loginName(), WRONG, strangersTv, address).status());
            assertThat(statuses.getFirst()).as("Dad's PC in the middle of the flood").isEqualTo(200);
            List<Integer> stranger = statuses.subList(1, statuses.size());
            assertThat(stranger).filteredOn(s -> s == 401).as("passwords checked").hasSize(5);
            assertThat(stranger).filteredOn(s -> s == 429).hasSize(25);
            assertThat(signIn(dad.loginName(), TestAccounts.PASSWORD, dadsPc.deviceId(), address).status())
                .isEqualTo(200);
        }
    }

    @Test
    void whenTheStrangerWaitsThenEachFurtherGuessWaitsTwiceAsLong() {
        TestAccounts.Account dad = accounts.register("dad");
        String strangersTv = TestAccounts.unique("stranger-tv");
        String address = "203.0.113.40";
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(dad.loginName(), WRONG, strangersTv, address).status()).isEqualTo(401);
        }
        Duration wait = Duration.ofSeconds(30);
        for (int guess = 6; guess <= 9; guess++) {
            clock.advance(wait.dividedBy(2));
            Api.Response early = signIn(dad.loginName(), TestAccounts.PASSWORD, strangersTv, address);
            assertThat(early.status())
                .as("half the wait is not enough, not even for the right password, guess %d", guess)
                .isEqualTo(429);
            assertThat(early.json().at("/details/retry_after_seconds").asLong()).isBetween(1L,
                    wait.dividedBy(2).toSeconds());
            clock.advance(wait.dividedBy(2).plusSeconds(1));
            assertThat(signIn(dad.loginName(), WRONG, strangersTv, address).status())
                .as("after the whole wait, guess %d", guess)
                .isEqualTo(401);
            wait = wait.multipliedBy(2);
        }
        clock.advance(wait.dividedBy(2));
        assertThat(signIn(dad.loginName(), WRONG, strangersTv, address).status()).as("the tenth waits 8 minutes")
            .isEqualTo(429);
    }

    @Test
    void whenFortyStrangersGuessAtOnceThenExactlyTheAccountCeilingIsCheckedAndTheOwnersPcStillSignsIn() {
        for (int round = 0; round < 2; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            TestAccounts.Device dadsPc = accounts.signIn(dad, "pc", "Dad's PC");
            String network = "198.18." + round + ".";
            List<Integer> statuses = Concurrently.run(40,
                    i -> signIn(dad.loginName(), WRONG, TestAccounts.unique("stranger-tv"), network + (i + 1))
                        .status());
            assertThat(statuses).filteredOn(s -> s == 401).as("passwords checked").hasSize(15);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(25);
            Api.Response refused = signIn(dad.loginName(), TestAccounts.PASSWORD, TestAccounts.unique("stranger-tv"),
                    "198.18.9.9");
            assertThat(refused.status()).as("the right password from a stranger's device is refused too")
                .isEqualTo(429);
            assertThat(refused.at("/details/limit")).isEqualTo("account");
            assertThat(signIn(dad.loginName(), TestAccounts.PASSWORD, dadsPc.deviceId(), "198.18.9.9").status())
                .as("a device that signed in before is not held to the strangers' ceiling")
                .isEqualTo(200);
        }
    }

    @Test
    void whenTheOwnerSignsInWithTheRightPasswordThenNoneOfItCounts() {
        TestAccounts.Account mum = accounts.register("mum");
        String address = "203.0.113.50";
        for (int i = 0; i < 12; i++) {
            assertThat(
                    signIn(mum.loginName(), TestAccounts.PASSWORD, TestAccounts.unique("hotel-tv"), address).status())
                .isEqualTo(200);
        }
        String newTv = TestAccounts.unique("hotel-tv");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(mum.loginName(), WRONG, newTv, address).status())
                .as("the address's burst is untouched by twelve sign-ins")
                .isEqualTo(401);
        }
    }

    @Test
    void whenTheNameIsNoAccountThenItIsLimitedAlike() {
        String nobody = TestAccounts.unique("nobody");
        String tv = TestAccounts.unique("tv");
        List<Integer> statuses = Concurrently.run(10, i -> signIn(nobody, WRONG, tv, "203.0.113.60").status());
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(5);
    }

    private Api.Response signIn(String login, String password, String deviceId, String address) {
        return api.raw("POST", "/api/v1/sign-in/password", "application/json",
                Api.JSON.writeValueAsString(Map.of("login", login, "password", password, "device",
                        Map.of("id", deviceId, "type", "tv", "name", "Living-room TV"))),
                Map.of("X-Forwarded-For", address));
    }

}
