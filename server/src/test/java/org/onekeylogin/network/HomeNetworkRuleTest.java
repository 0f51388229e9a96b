package org.onekeylogin.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The home-network rule over facts, without a database: each way to a kind, with its
 * reasons.
 */
class HomeNetworkRuleTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final HomeNetworkRule RULE = new HomeNetworkRule(8, Duration.ofDays(3));

    /**
     * A personal Wi-Fi of two accounts, known for a week, reached from an address seen
     * with it: a home.
     */
    static NetworkFacts home() {
        return new NetworkFacts(WifiSecurity.PERSONAL, 2, NOW.minus(Duration.ofDays(7)), null, true);
    }

    @Test
    void whenEverythingFitsAHouseholdThenItIsAHomeWithEveryReason() {
        Classification c = RULE.classify(home(), NOW);
        assertThat(c.kind()).isEqualTo(NetworkKind.HOME);
        assertThat(c.isHome()).isTrue();
        assertThat(c.reasons()).containsExactly("personal_wifi", "accounts:2", "history_ok", "address_consistent");
    }

    @Test
    void whenTheWifiIsOpenThenItIsPublicWhateverElseIsTrue() {
        Classification c = RULE
            .classify(new NetworkFacts(WifiSecurity.OPEN, 2, NOW.minus(Duration.ofDays(7)), null, true), NOW);
        assertThat(c.kind()).isEqualTo(NetworkKind.PUBLIC);
        assertThat(c.reasons()).containsExactly("open_wifi");
    }

    @Test
    void whenTheWifiIsEnterpriseThenItIsAnOffice() {
        Classification c = RULE
            .classify(new NetworkFacts(WifiSecurity.ENTERPRISE, 1, NOW.minus(Duration.ofDays(7)), null, true), NOW);
        assertThat(c.kind()).isEqualTo(NetworkKind.OFFICE);
        assertThat(c.reasons()).containsExactly("enterprise_wifi");
    }

    @Test
    void whenMoreAccountsThanAHouseholdWereActiveThenItIsAnOffice() {
        Classification c = RULE
            .classify(new NetworkFacts(WifiSecurity.PERSONAL, 40, NOW.minus(Duration.ofDays(7)), null, true), NOW);
        assertThat(c.kind()).isEqualTo(NetworkKind.OFFICE);
        assertThat(c.reasons()).containsExactly("many_accounts:40");
    }

    @Test
    void whenExactlyTheMostAccountsOfAHouseholdWereActiveThenItCanStillBeAHome() {
        assertThat(RULE
            .classify(new NetworkFacts(WifiSecurity.PERSONAL, 8, NOW.minus(Duration.ofDays(7)), null, true), NOW)
            .kind()).isEqualTo(NetworkKind.HOME);
        assertThat(RULE
            .classify(new NetworkFacts(WifiSecurity.PERSONAL, 9, NOW.minus(Duration.ofDays(7)), null, true), NOW)
            .kind()).isEqualTo(NetworkKind.OFFICE);
    }

    @Test
    void whenTheNetworkIsYoungerThanTheMinimumHistoryThenItIsUnknown() {
        Classification c = RULE.classify(
                new NetworkFacts(WifiSecurity.PERSONAL, 1, NOW.minus(Duration.ofDays(3)).plusSeconds(1), null, true),
                NOW);
        assertThat(c.kind()).isEqualTo(NetworkKind.UNKNOWN);
        assertThat(c.reasons()).containsExactly("personal_wifi", "accounts:1", "too_new");
    }

    @Test
    void whenTheNetworkIsExactlyTheMinimumHistoryOldThenItsHistoryIsEnough() {
        Classification c = RULE
            .classify(new NetworkFacts(WifiSecurity.PERSONAL, 1, NOW.minus(Duration.ofDays(3)), null, true), NOW);
        assertThat(c.kind()).isEqualTo(NetworkKind.HOME);
        assertThat(c.reasons()).contains("history_ok");
    }

    @Test
    void whenTheRequestersAddressWasNotSeenWithTheNetworkThenItIsUnknown() {
        Classification c = RULE
            .classify(new NetworkFacts(WifiSecurity.PERSONAL, 2, NOW.minus(Duration.ofDays(7)), null, false), NOW);
        assertThat(c.kind()).isEqualTo(NetworkKind.UNKNOWN);
        assertThat(c.reasons()).containsExactly("personal_wifi", "accounts:2", "history_ok",
                "address_not_seen_with_network");
    }

    @ParameterizedTest
    @EnumSource(NetworkKind.class)
    void whenAnOperatorMarkedTheNetworkThenTheMarkWinsOverEveryOtherFact(NetworkKind marked) {
        NetworkFacts openAndNew = new NetworkFacts(WifiSecurity.OPEN, 100, NOW, marked, false);
        Classification c = RULE.classify(openAndNew, NOW);
        assertThat(c.kind()).isEqualTo(marked);
        assertThat(c.reasons()).containsExactly("marked_by_operator");
    }

    @Test
    void whenTheNetworkWasNeverSeenThenItIsUnknown() {
        assertThat(HomeNetworkRule.NEVER_SEEN.kind()).isEqualTo(NetworkKind.UNKNOWN);
        assertThat(HomeNetworkRule.NEVER_SEEN.reasons()).containsExactly("network_never_seen");
    }

    @Test
    void whenTheRuleIsBuiltFromPropertiesThenItUsesTheirLimits() {
        HomeNetworkRule rule = HomeNetworkRule.of(new NetworkProperties(Duration.ofMinutes(10), Duration.ofDays(14), 2,
                Duration.ofDays(1), Duration.ofDays(30)));
        assertThat(rule
            .classify(new NetworkFacts(WifiSecurity.PERSONAL, 3, NOW.minus(Duration.ofDays(2)), null, true), NOW)
            .reasons()).containsExactly("many_accounts:3");
        assertThat(rule
            .classify(new NetworkFacts(WifiSecurity.PERSONAL, 2, NOW.minus(Duration.ofDays(2)), null, true), NOW)
            .kind()).isEqualTo(NetworkKind.HOME);
    }

    @Test
    void whenFactsOrLimitsAreImpossibleThenTheyAreRefused() {
        assertThatThrownBy(() -> new NetworkFacts(WifiSecurity.PERSONAL, -1, NOW, null, true))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NetworkFacts(null, 1, NOW, null, true))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HomeNetworkRule(-1, Duration.ofDays(3)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HomeNetworkRule(8, Duration.ofDays(-3)))
            .isInstanceOf(IllegalArgumentException.class);
    }

}
