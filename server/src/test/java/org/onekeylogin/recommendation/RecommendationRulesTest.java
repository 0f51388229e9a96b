package org.onekeylogin.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.AccountStanding;
import org.onekeylogin.account.AccountStatus;
import org.onekeylogin.account.Consents;
import org.onekeylogin.account.MembershipTier;
import org.onekeylogin.account.Registration;
import org.onekeylogin.account.RiskProfile;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.ObservedNetwork;
import org.onekeylogin.recommendation.HomeNetworkStoriesTest.Wifi;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each exclusion rule, the presence boost, automatic sign-in, "that wasn't me", and
 * handles bound to their device.
 */
@ServiceTest
class RecommendationRulesTest {

    @Autowired
    TestClock clock;

    @Autowired
    AccountService accountService;

    @Autowired
    JdbcClient jdbc;

    /**
     * Where the test's requests come from: whichever loopback "localhost" resolves to.
     */
    static final List<String> LOOPBACKS = List.of("127.0.0.1", "::1");

    @Autowired
    NetworkEnvironments networks;

    final Api api;

    final TestAccounts accounts;

    RecommendationRulesTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    /**
     * A home with one account that has lived there for four days; {@code home()} is its
     * Wi-Fi.
     */
    record Household(Wifi home, TestAccounts.Account member, String phoneToken) {
    }

    private Household household() {
        Wifi home = HomeNetworkStoriesTest.newWifi("Home", "personal");
        TestAccounts.Account member = accounts.register("member");
        signInOnWifi(member, "phone-" + member.loginName(), "phone", home);
        clock.advance(Duration.ofDays(4));
        String token = signInOnWifi(member, "phone-" + member.loginName(), "phone", home);
        return new Household(home, member, token);
    }

    /**
     * The same household recorded through the account and network services, as the
     * member's two sign-ins four days apart would record it, for tests that need no phone
     * of the member: no device, no token, no presence.
     */
    private Household recordedHousehold() {
        Wifi home = HomeNetworkStoriesTest.newWifi("Home", "personal");
        Account member = accountService
            .register(new Registration(TestAccounts.unique("member"), null, "member", TestAccounts.PASSWORD));
        ObservedNetwork network = networks.identify(home.report());
        for (NetworkEnvironments then : List.of(networks.at(Clock.offset(clock, Duration.ofDays(-4))), networks)) {
            LOOPBACKS.forEach(address -> then.seen(network, address));
            then.signedIn(network, member.id());
        }
        return new Household(home, new TestAccounts.Account(member.id(), member.loginName()), null);
    }

    static Stream<Arguments> exclusions() {
        BiConsumer<AccountService, String> suspended = (s, id) -> s.updateStanding(id,
                new AccountStanding(AccountStatus.SUSPENDED, MembershipTier.FREE, 1, RiskProfile.NONE));
        BiConsumer<AccountService, String> expired = (s, id) -> s.updateStanding(id,
                new AccountStanding(AccountStatus.EXPIRED, MembershipTier.FREE, 1, RiskProfile.NONE));
        BiConsumer<AccountService, String> theft = (s, id) -> s.updateStanding(id,
                new AccountStanding(AccountStatus.ACTIVE, MembershipTier.FREE, 1, new RiskProfile(0.7, 0, 0)));
        BiConsumer<AccountService, String> sharers = (s, id) -> s.updateStanding(id,
                new AccountStanding(AccountStatus.ACTIVE, MembershipTier.FREE, 1, new RiskProfile(0, 6, 0)));
        BiConsumer<AccountService, String> offsite = (s, id) -> s.updateStanding(id,
                new AccountStanding(AccountStatus.ACTIVE, MembershipTier.FREE, 1, new RiskProfile(0, 0, 11)));
        BiConsumer<AccountService, String> optedOut = (s, id) -> s.updateConsents(id, new Consents(false, false));
        return Stream.of(Arguments.of("suspended", suspended), Arguments.of("expired", expired),
                Arguments.of("theft risk 0.7", theft), Arguments.of("6 sharers", sharers),
                Arguments.of("11 off-site sign-ins", offsite), Arguments.of("opted out", optedOut));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exclusions")
    void whenTheAccountIsExcludedThenItIsNotRecommended(String rule, BiConsumer<AccountService, String> change) {
        Household h = recordedHousehold();
        assertThat(recommended(options(TestAccounts.unique("tv"), h.home()))).hasSize(1);
        change.accept(accountService, h.member().id());
        assertThat(recommended(options(TestAccounts.unique("tv"), h.home()))).as(rule).isEmpty();
    }

    @Test
    void whenTheAccountWasNotActiveHereFor90DaysThenItIsNotRecommended() {
        Household h = recordedHousehold();
        TestAccounts.Account other = accounts.register("regular");
        clock.advance(Duration.ofDays(91));
        signInOnWifi(other, "phone-" + other.loginName(), "phone", h.home()); // keeps the
                                                                              // address
                                                                              // history
                                                                              // fresh
        List<String> shown = recommended(options(TestAccounts.unique("tv"), h.home()));
        assertThat(shown).containsExactly(masked(other.loginName()));
    }

    @Test
    void whenTheDeviceAlreadyHasTheAccountInItsHistoryThenItIsShownAsHistoryOnly() {
        Household h = recordedHousehold();
        String tv = TestAccounts.unique("tv");
        signInOnWifi(h.member(), tv, "tv", h.home());
        Api.Response options = options(tv, h.home());
        assertThat(options.json().path("accounts").size()).isEqualTo(1);
        assertThat(options.at("/accounts/0/source")).isEqualTo("history");
    }

    @Test
    void whenATvWithHistoryIsOnAHomeNetworkThenItShowsHistoryThenRecommendationsThenTheMethods() {
        Household h = recordedHousehold();
        TestAccounts.Account guest = accounts.register("guest");
        String tv = TestAccounts.unique("tv");
        signInOnWifi(guest, tv, "tv", HomeNetworkStoriesTest.newWifi("Other", "personal"));
        Api.Response options = options(tv, h.home());
        assertThat(options.at("/accounts/0/source")).isEqualTo("history");
        assertThat(options.at("/accounts/0/masked_name")).isEqualTo(masked(guest.loginName()));
        assertThat(options.at("/accounts/1/source")).isEqualTo("recommendation");
        assertThat(options.at("/accounts/1/masked_name")).isEqualTo(masked(h.member().loginName()));
        assertThat(options.at("/methods/0/method")).isEqualTo("qr_code");
        assertThat(options.at("/methods/1/method")).isEqualTo("sms_code");
    }

    @Test
    void whenOneOfTwoEqualAccountsHasItsPhoneHereNowThenItComesFirst() {
        Wifi home = HomeNetworkStoriesTest.newWifi("Home", "personal");
        TestAccounts.Account anna = accounts.register("anna");
        TestAccounts.Account bert = accounts.register("bert");
        signInOnWifi(anna, TestAccounts.unique("pc"), "pc", home);
        signInOnWifi(bert, TestAccounts.unique("pc"), "pc", home);
        clock.advance(Duration.ofDays(4));
        signInOnWifi(anna, TestAccounts.unique("pc"), "pc", home);
        signInOnWifi(bert, TestAccounts.unique("pc"), "pc", home);
        List<String> before = recommended(options(TestAccounts.unique("tv"), home));
        assertThat(before).hasSize(2);

        String last = before.get(1).equals(masked(anna.loginName())) ? "anna" : "bert";
        TestAccounts.Account behind = last.equals("anna") ? anna : bert;
        clock.advance(Duration.ofMinutes(1));
        String phoneToken = signInOnWifi(behind, TestAccounts.unique("phone"), "phone", home);
        clock.advance(Duration.ofMinutes(1));
        // the other account signs in once more too, so only the presence of a phone tells
        // them apart
        TestAccounts.Account ahead = behind == anna ? bert : anna;
        signInOnWifi(ahead, TestAccounts.unique("pc"), "pc", home);
        assertThat(api.post("/api/v1/network/report", Map.of("network", home.json()), phoneToken).status())
            .isEqualTo(204);
        List<String> after = recommended(options(TestAccounts.unique("tv"), home));
        assertThat(after.get(0)).as("the account whose phone is here now").isEqualTo(masked(behind.loginName()));
    }

    @Test
    void whenTheOnlyCandidateAllowsItAndItsPhoneIsHereThenTheTvMaySignInAutomatically() {
        Household h = household();
        assertThat(options(TestAccounts.unique("tv"), h.home()).json().at("/accounts/0/auto_sign_in").asBoolean())
            .as("not without the owner's consent")
            .isFalse();
        accountService.updateConsents(h.member().id(), new Consents(true, true));
        assertThat(options(TestAccounts.unique("tv"), h.home()).json().at("/accounts/0/auto_sign_in").asBoolean())
            .isTrue();
        clock.advance(Duration.ofMinutes(11));
        assertThat(options(TestAccounts.unique("tv"), h.home()).json().at("/accounts/0/auto_sign_in").asBoolean())
            .as("not once the phone has left")
            .isFalse();
    }

    @Test
    void whenAPhoneOpensItsPushChannelWithItsNetworkThenItIsHereNow() {
        Household h = household();
        accountService.updateConsents(h.member().id(), new Consents(true, true));
        clock.advance(Duration.ofMinutes(11));
        assertThat(options(TestAccounts.unique("tv"), h.home()).json().at("/accounts/0/auto_sign_in").asBoolean())
            .as("the phone's last report is too old")
            .isFalse();
        // a fresh token for the phone (the first one has run out), signed in without
        // reporting a network
        String phoneToken = api
            .post("/api/v1/sign-in/password",
                    Map.of("login", h.member().loginName(), "password", TestAccounts.PASSWORD, "device",
                            Map.of("id", "phone-" + h.member().loginName(), "type", "phone", "name", "Phone")),
                    null)
            .at("/tokens/access_token");
        assertThat(options(TestAccounts.unique("tv"), h.home()).json().at("/accounts/0/auto_sign_in").asBoolean())
            .isFalse();

        try (EventStream stream = api.stream(phoneToken, null,
                Map.of("OneKey-Network", Api.JSON.writeValueAsString(h.home().json())))) {
            assertThat(stream.awaitOpen()).isEqualTo(200);
            assertThat(options(TestAccounts.unique("tv"), h.home()).json().at("/accounts/0/auto_sign_in").asBoolean())
                .as("the phone reported the home network when its push channel opened")
                .isTrue();
        }
    }

    @Test
    void whenThePushChannelReportsANetworkThatIsNotOneThenTheAnswerIsAClearError() {
        Household h = household();
        for (String header : List.of("home", "{\"security\":\"personal\"}",
                "{\"bssid\":\"nope\",\"security\":\"personal\"}")) {
            Api.Response r = api.raw("GET", "/api/v1/push/stream", null, null,
                    Map.of("Authorization", "Bearer " + h.phoneToken(), "Accept", "text/event-stream, application/json",
                            "OneKey-Network", header));
            assertThat(r.status()).as(header).isEqualTo(400);
            assertThat(r.field("code")).as(header).isEqualTo("validation_failed");
            assertThat(r.text()).as(header).doesNotContain("nope");
        }
    }

    @Test
    void whenATvSignsInWithoutPickingTheRecommendationsItWasShownThenTheyCountAsIgnored() {
        Household h = recordedHousehold();
        String tv = TestAccounts.unique("tv");
        String handle = options(tv, h.home()).at("/accounts/0/handle");
        assertThat(ignored(h.member().id())).isZero();

        TestAccounts.Account guest = accounts.register("guest");
        signInOnWifi(guest, tv, "tv", h.home());

        assertThat(ignored(h.member().id())).isEqualTo(1);
        assertThat(signInRecommended(handle, tv, h.home()).field("code"))
            .as("the recommendation shown before the sign-in is closed")
            .isEqualTo("sign_in_choice_invalid");
        signInOnWifi(guest, tv, "tv", h.home());
        assertThat(ignored(h.member().id())).as("counted once per showing").isEqualTo(1);
    }

    @Test
    void whenTheOwnerSaysThatWasntMeThenTheAccountIsNoLongerRecommendedThereUntilAllowedAgain() {
        Household h = household();
        String tv = TestAccounts.unique("tv");
        Api.Response signedIn = signInRecommended(options(tv, h.home()).at("/accounts/0/handle"), tv, h.home());
        String session = signedIn.at("/session/id");
        assertThat(api.post("/api/v1/sessions/" + session + "/not-me", "{}", h.phoneToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/account", signedIn.at("/tokens/access_token")).status()).isEqualTo(401);

        assertThat(recommended(options(TestAccounts.unique("tv"), h.home()))).isEmpty();
        assertThat(api.post("/api/v1/sessions/" + session + "/allow-recommendation", "{}", h.phoneToken()).status())
            .isEqualTo(204);
        assertThat(recommended(options(TestAccounts.unique("tv"), h.home()))).hasSize(1);
    }

    @Test
    void whenAPhoneEntersTheNetworkThenItIsOfferedTheAccountsItHasNeverRecorded() {
        Household h = recordedHousehold();
        Api.Response options = api.post("/api/v1/sign-in-options",
                Map.of("device", Map.of("id", TestAccounts.unique("phone"), "type", "phone", "name", "Visitor's phone"),
                        "network", h.home().json()),
                null);
        assertThat(recommended(options)).containsExactly(masked(h.member().loginName()));
    }

    @Test
    void whenAHandleIsUsedByAnotherDeviceOnAnotherNetworkOrTooLateThenItIsRefused() {
        Household h = recordedHousehold();
        String tv = TestAccounts.unique("tv");
        String handle = options(tv, h.home()).at("/accounts/0/handle");
        assertThat(signInRecommended(handle, TestAccounts.unique("tv"), h.home()).field("code"))
            .isEqualTo("sign_in_choice_invalid");

        String second = options(tv, h.home()).at("/accounts/0/handle");
        Wifi elsewhere = HomeNetworkStoriesTest.newWifi("Elsewhere", "personal");
        assertThat(signInRecommended(second, tv, elsewhere).field("code")).isEqualTo("sign_in_choice_invalid");

        String third = options(tv, h.home()).at("/accounts/0/handle");
        clock.advance(Duration.ofMinutes(11));
        assertThat(signInRecommended(third, tv, h.home()).field("code")).isEqualTo("sign_in_choice_invalid");
    }

    private int ignored(String accountId) {
        return jdbc.sql("SELECT COALESCE(SUM(ignored), 0) FROM network_account WHERE account_id = ?")
            .param(accountId)
            .query(Integer.class)
            .single();
    }

    private String signInOnWifi(TestAccounts.Account account, String deviceId, String type, Wifi wifi) {
        Api.Response r = api.post(
                "/api/v1/sign-in/password", Map.of("login", account.loginName(), "password", TestAccounts.PASSWORD,
                        "device", Map.of("id", deviceId, "type", type, "name", "Device"), "network", wifi.json()),
                null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.at("/tokens/access_token");
    }

    private Api.Response options(String tv, Wifi wifi) {
        return api.post("/api/v1/sign-in-options",
                Map.of("device", Map.of("id", tv, "type", "tv", "name", "TV"), "network", wifi.json()), null);
    }

    private Api.Response signInRecommended(String handle, String tv, Wifi wifi) {
        return api.post("/api/v1/sign-in/recommended", Map.of("handle", handle, "device",
                Map.of("id", tv, "type", "tv", "name", "TV"), "network", wifi.json()), null);
    }

    private static List<String> recommended(Api.Response options) {
        return options.json()
            .path("accounts")
            .valueStream()
            .filter(a -> a.path("source").asString().equals("recommendation"))
            .map(a -> a.path("masked_name").asString())
            .toList();
    }

    private static String masked(String login) {
        return login.substring(0, 2) + "****" + login.substring(login.length() - 4);
    }

}
