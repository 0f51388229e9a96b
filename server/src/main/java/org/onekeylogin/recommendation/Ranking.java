package org.onekeylogin.recommendation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.MembershipTier;
import org.onekeylogin.network.AccountActivity;
import org.onekeylogin.network.NetworkEnvironments.Live;

/**
 * The filtering and ranking of recommendation as pure functions of the values read: which
 * of a network's live accounts may be offered at all, how each scores, and which are
 * shown in what order. Liveness dominates the score; membership tier, user level and a
 * phone of the account present now lift it; past picks lift it a little, ignored offers
 * and the owner's cancellations pull it down, never below a twentieth of its liveness.
 */
record Ranking(RecommendationProperties properties) {

    Ranking {
        if (properties == null || properties.maxShown() < 0) {
            throw new IllegalArgumentException("properties with a non-negative maxShown are required");
        }
    }

    /**
     * Whether the account's record in this network still lets it be offered: the device
     * does not have it already ({@code excluded}), its owner did not refuse it here, and
     * it was active here within {@code inactiveAfter}.
     */
    boolean livesHere(AccountActivity activity, Set<String> excluded, Instant now) {
        return !excluded.contains(activity.accountId()) && !activity.suppressed()
                && !activity.lastActiveAt().isBefore(now.minus(properties.inactiveAfter()));
    }

    /**
     * Whether the account itself may be offered: active, its owner allows it, and below
     * every risk threshold.
     */
    boolean recommendable(Account a) {
        return a.isActive() && a.consents().mayRecommend() && a.risk().theftRiskIndex() < properties.maxTheftRisk()
                && a.risk().sharerCount() <= properties.maxSharers()
                && a.risk().offsiteSignIns() <= properties.maxOffsiteSignIns();
    }

    /**
     * The account's liveness here, lifted or lowered by who it is and how earlier offers
     * of it went.
     */
    static double score(Live live, Account account, boolean phonePresent) {
        double tier = account.tier() == MembershipTier.SVIP ? 0.3 : account.tier() == MembershipTier.VIP ? 0.2 : 0;
        double level = Math.min(account.userLevel(), 100) / 1000.0;
        double presence = phonePresent ? 0.5 : 0;
        var a = live.activity();
        double outcomes = Math.min(a.picked(), 10) * 0.02 - Math.min(a.ignored(), 10) * 0.01
                - Math.min(a.cancelled(), 5) * 0.2;
        return live.score() * Math.max(0.05, 1 + tier + level + presence + outcomes);
    }

    /**
     * The candidates to show: highest score first (ties keep their order), at most
     * {@code maxShown}.
     */
    List<Candidate> shown(List<Candidate> candidates) {
        return candidates.stream()
            .sorted(Comparator.comparingDouble(Candidate::score).reversed())
            .limit(properties.maxShown())
            .toList();
    }
}
