package org.onekeylogin.recommendation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.MembershipTier;
import org.onekeylogin.network.Classification;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.NetworkEnvironments.Live;
import org.springframework.stereotype.Service;

/**
 * Finds and ranks the accounts to offer on a device in a network. Only a HOME network gets any. The candidate read
 * is one index range scan of the network's most live accounts, so its cost does not grow with history.
 */
@Service
public class Recommendations {

    /** How many of the most live accounts are read before filtering. */
    private static final int CANDIDATE_POOL = 30;

    private final NetworkEnvironments networks;
    private final AccountService accounts;
    private final RecommendationProperties properties;
    private final Clock clock;

    public Recommendations(NetworkEnvironments networks, AccountService accounts, RecommendationProperties properties,
            Clock clock) {
        this.networks = networks;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /** The result: the network's classification and, for a home, the ranked candidates. */
    public record Result(Classification classification, List<Candidate> candidates) {
    }

    /**
     * @param excluded accounts not to recommend (those the device already has in its own history)
     */
    public Result recommend(String networkId, String requesterIp, Set<String> excluded) {
        Classification classification = networks.classify(networkId, requesterIp);
        if (!classification.isHome()) {
            return new Result(classification, List.of());
        }
        Instant now = clock.instant();
        Set<String> present = new HashSet<>(networks.presentSmallScreenAccounts(networkId));
        List<Candidate> candidates = new ArrayList<>();
        for (Live live : networks.mostLive(networkId, CANDIDATE_POOL)) {
            var activity = live.activity();
            if (excluded.contains(activity.accountId()) || activity.suppressed()
                    || activity.lastActiveAt().isBefore(now.minus(properties.inactiveAfter()))) {
                continue;
            }
            Optional<Account> account = accounts.find(activity.accountId()).filter(this::recommendable);
            if (account.isEmpty()) {
                continue;
            }
            boolean phonePresent = present.contains(activity.accountId());
            candidates.add(new Candidate(account.get(), score(live, account.get(), phonePresent), live.score(),
                    phonePresent));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return new Result(classification, candidates.stream().limit(properties.maxShown()).toList());
    }

    private boolean recommendable(Account a) {
        return a.isActive() && a.consents().mayRecommend()
                && a.risk().theftRiskIndex() < properties.maxTheftRisk()
                && a.risk().sharerCount() <= properties.maxSharers()
                && a.risk().offsiteSignIns() <= properties.maxOffsiteSignIns();
    }

    /**
     * Seed 002's four rules in one score: liveness dominates; membership tier, user level and a phone of the
     * account present now lift it; past picks lift it a little and owner cancellations pull it down.
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
}
