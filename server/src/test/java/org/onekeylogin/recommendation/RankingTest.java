package org.onekeylogin.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountStatus;
import org.onekeylogin.account.Consents;
import org.onekeylogin.account.MembershipTier;
import org.onekeylogin.account.RiskProfile;
import org.onekeylogin.network.AccountActivity;
import org.onekeylogin.network.NetworkEnvironments.Live;

/**
 * Filtering and ranking over values: the lifts, the outcome bounds, every exclusion, the
 * order and the cut.
 */
class RankingTest {

    static final Instant NOW = Instant.parse("2025-06-01T20:00:00Z");
    static final RecommendationProperties DEFAULTS = new RecommendationProperties(6, Duration.ofDays(90), 0.7, 5, 10);
    static final Ranking RANKING = new Ranking(DEFAULTS);

    static Account account(String id, AccountStatus status, MembershipTier tier, int level, RiskProfile risk,
            Consents consents) {
        return new Account(id, "login-" + id, null, "Name " + id, status, tier, level, risk, consents,
                NOW.minus(Duration.ofDays(400)), org.onekeylogin.account.Appearance.NONE);
    }

    static Account free(String id) {
        return account(id, AccountStatus.ACTIVE, MembershipTier.FREE, 0, RiskProfile.NONE, Consents.DEFAULTS);
    }

    static Account withTier(MembershipTier tier) {
        return account("a", AccountStatus.ACTIVE, tier, 0, RiskProfile.NONE, Consents.DEFAULTS);
    }

    static Account withLevel(int level) {
        return account("a", AccountStatus.ACTIVE, MembershipTier.FREE, level, RiskProfile.NONE, Consents.DEFAULTS);
    }

    static Account withRisk(RiskProfile risk) {
        return account("a", AccountStatus.ACTIVE, MembershipTier.FREE, 0, risk, Consents.DEFAULTS);
    }

    static AccountActivity activity(String id, Instant lastActive, int picked, int ignored, int cancelled,
            boolean suppressed) {
        return new AccountActivity(id, 0, lastActive, 1, 0, picked, ignored, cancelled, suppressed);
    }

    static Live live(double score) {
        return new Live(activity("a", NOW, 0, 0, 0, false), score);
    }

    static Live live(double score, int picked, int ignored, int cancelled) {
        return new Live(activity("a", NOW, picked, ignored, cancelled, false), score);
    }

    @Test
    void whenNothingLiftsAnAccountThenItsScoreIsItsLiveness() {
        assertThat(Ranking.score(live(2.5), free("a"), false)).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void whenTheTierIsHigherThenTheScoreIsHigher() {
        double free = Ranking.score(live(1), withTier(MembershipTier.FREE), false);
        double vip = Ranking.score(live(1), withTier(MembershipTier.VIP), false);
        double svip = Ranking.score(live(1), withTier(MembershipTier.SVIP), false);
        assertThat(vip).isGreaterThan(free);
        assertThat(svip).isGreaterThan(vip);
        assertThat(svip).as("a lift, not a rank of its own").isLessThan(Ranking.score(live(2), free("a"), false));
    }

    @Test
    void whenTheUserLevelIsHigherThenTheScoreIsHigherUpToLevel100() {
        assertThat(Ranking.score(live(1), withLevel(50), false))
            .isGreaterThan(Ranking.score(live(1), withLevel(10), false));
        assertThat(Ranking.score(live(1), withLevel(100), false))
            .isGreaterThan(Ranking.score(live(1), withLevel(99), false));
        assertThat(Ranking.score(live(1), withLevel(250), false))
            .isEqualTo(Ranking.score(live(1), withLevel(100), false));
    }

    @Test
    void whenAPhoneOfTheAccountIsHereThenItOutranksAHigherTierAtTheSameLiveness() {
        double present = Ranking.score(live(1), free("a"), true);
        assertThat(present).isGreaterThan(Ranking.score(live(1), free("a"), false));
        assertThat(present).isGreaterThan(Ranking.score(live(1), withTier(MembershipTier.SVIP), false));
    }

    @Test
    void whenItWasPickedBeforeThenItRisesButOnlyForTheFirstTenPicks() {
        double never = Ranking.score(live(1), free("a"), false);
        double once = Ranking.score(live(1, 1, 0, 0), free("a"), false);
        double ten = Ranking.score(live(1, 10, 0, 0), free("a"), false);
        assertThat(once).isGreaterThan(never);
        assertThat(ten).isGreaterThan(once);
        assertThat(Ranking.score(live(1, 500, 0, 0), free("a"), false)).isEqualTo(ten);
    }

    @Test
    void whenItWasIgnoredBeforeThenItFallsButOnlyForTheFirstTenTimes() {
        double never = Ranking.score(live(1), free("a"), false);
        double once = Ranking.score(live(1, 0, 1, 0), free("a"), false);
        double ten = Ranking.score(live(1, 0, 10, 0), free("a"), false);
        assertThat(once).isLessThan(never);
        assertThat(ten).isLessThan(once);
        assertThat(Ranking.score(live(1, 0, 500, 0), free("a"), false)).isEqualTo(ten);
    }

    @Test
    void whenTheOwnerCancelledThenItFallsMoreThanForAnIgnoredOffer() {
        assertThat(Ranking.score(live(1, 0, 0, 1), free("a"), false))
            .isLessThan(Ranking.score(live(1, 0, 1, 0), free("a"), false));
        assertThat(Ranking.score(live(1, 0, 0, 5), free("a"), false))
            .isLessThan(Ranking.score(live(1, 0, 0, 4), free("a"), false));
    }

    @Test
    void whenCancelledAgainAndAgainThenTheScoreStaysAPositiveTwentiethOfItsLiveness() {
        double floor = Ranking.score(live(4, 0, 10, 5), free("a"), false);
        assertThat(floor).isCloseTo(0.2, within(1e-12));
        assertThat(Ranking.score(live(4, 0, 10, 500), free("a"), false)).isEqualTo(floor);
    }

    @Test
    void whenTheAccountIsActiveConsentingAndBelowEveryThresholdThenItIsRecommendable() {
        assertThat(RANKING.recommendable(free("a"))).isTrue();
        assertThat(RANKING.recommendable(withRisk(new RiskProfile(0.69, 5, 10)))).as("just below each").isTrue();
    }

    @Test
    void whenTheAccountIsSuspendedOrExpiredThenItIsNotRecommendable() {
        assertThat(RANKING.recommendable(
                account("a", AccountStatus.SUSPENDED, MembershipTier.SVIP, 100, RiskProfile.NONE, Consents.DEFAULTS)))
            .isFalse();
        assertThat(RANKING.recommendable(
                account("a", AccountStatus.EXPIRED, MembershipTier.FREE, 1, RiskProfile.NONE, Consents.DEFAULTS)))
            .isFalse();
    }

    @Test
    void whenTheOwnerOptedOutThenItIsNotRecommendable() {
        assertThat(RANKING.recommendable(account("a", AccountStatus.ACTIVE, MembershipTier.FREE, 1, RiskProfile.NONE,
                new Consents(false, true))))
            .isFalse();
    }

    @Test
    void whenAnyRiskReachesItsThresholdThenItIsNotRecommendable() {
        assertThat(RANKING.recommendable(withRisk(new RiskProfile(0.7, 0, 0)))).as("theft risk 0.7").isFalse();
        assertThat(RANKING.recommendable(withRisk(new RiskProfile(0, 6, 0)))).as("6 sharers").isFalse();
        assertThat(RANKING.recommendable(withRisk(new RiskProfile(0, 0, 11)))).as("11 off-site").isFalse();
    }

    @Test
    void whenTheAccountWasActiveHereWithinTheInactivityLimitThenItLivesHere() {
        assertThat(RANKING.livesHere(activity("a", NOW.minus(Duration.ofDays(89)), 0, 0, 0, false), Set.of(), NOW))
            .isTrue();
        assertThat(RANKING.livesHere(activity("a", NOW.minus(Duration.ofDays(90)), 0, 0, 0, false), Set.of(), NOW))
            .as("exactly 90 days")
            .isTrue();
    }

    @Test
    void whenTheAccountWasNotActiveHereForLongerThanTheLimitThenItNoLongerLivesHere() {
        assertThat(RANKING.livesHere(activity("a", NOW.minus(Duration.ofDays(90)).minusSeconds(1), 0, 0, 0, false),
                Set.of(), NOW))
            .isFalse();
    }

    @Test
    void whenTheOwnerRefusedItHereOrTheDeviceHasItAlreadyThenItIsNotOffered() {
        assertThat(RANKING.livesHere(activity("a", NOW, 0, 0, 0, true), Set.of(), NOW)).as("suppressed").isFalse();
        assertThat(RANKING.livesHere(activity("a", NOW, 0, 0, 0, false), Set.of("a"), NOW)).as("excluded").isFalse();
        assertThat(RANKING.livesHere(activity("a", NOW, 0, 0, 0, false), Set.of("b"), NOW)).isTrue();
    }

    @Test
    void whenMoreThanTheMaximumQualifyThenTheHighestAreShownInDescendingOrder() {
        List<Candidate> candidates = new ArrayList<>();
        double[] scores = { 0.5, 3, 1, 8, 2, 0.1, 5, 4 };
        for (int i = 0; i < scores.length; i++) {
            candidates.add(new Candidate(free("c" + i), scores[i], scores[i], false));
        }
        List<Candidate> shown = RANKING.shown(candidates);
        assertThat(shown).extracting(Candidate::score).containsExactly(8.0, 5.0, 4.0, 3.0, 2.0, 1.0);
    }

    @Test
    void whenTwoScoreTheSameThenTheyKeepTheirOrder() {
        List<Candidate> shown = RANKING.shown(List.of(new Candidate(free("first"), 1, 1, false),
                new Candidate(free("second"), 1, 1, false), new Candidate(free("best"), 2, 1, false)));
        assertThat(shown).extracting(c -> c.account().id()).containsExactly("best", "first", "second");
    }

    @Test
    void whenTheMaximumIsSmallerThenFewerAreShown() {
        Ranking two = new Ranking(new RecommendationProperties(2, Duration.ofDays(90), 0.7, 5, 10));
        assertThat(two.shown(List.of(new Candidate(free("a"), 1, 1, false), new Candidate(free("b"), 3, 3, false),
                new Candidate(free("c"), 2, 2, false))))
            .extracting(c -> c.account().id())
            .containsExactly("b", "c");
    }

}
