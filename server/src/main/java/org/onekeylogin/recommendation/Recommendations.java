package org.onekeylogin.recommendation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.network.Classification;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.NetworkEnvironments.Live;
import org.springframework.stereotype.Service;

/**
 * Finds and ranks the accounts to offer on a device in a network. Only a HOME network
 * gets any. The candidate read is one index range scan of the network's most live
 * accounts, so its cost does not grow with history; the rules applied to what was read
 * are {@link Ranking}'s.
 */
@Service
public class Recommendations {

    /** How many of the most live accounts are read before filtering. */
    private static final int CANDIDATE_POOL = 30;

    private final NetworkEnvironments networks;

    private final AccountService accounts;

    private final Ranking ranking;

    private final Clock clock;

    public Recommendations(NetworkEnvironments networks, AccountService accounts, RecommendationProperties properties,
            Clock clock) {
        this.networks = networks;
        this.accounts = accounts;
        this.ranking = new Ranking(properties);
        this.clock = clock;
    }

    /**
     * The result: the network's classification and, for a home, the ranked candidates.
     */
    public record Result(Classification classification, List<Candidate> candidates) {
    }

    /**
     * @param excluded accounts not to recommend (those the device already has in its own
     * history)
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
            if (!ranking.livesHere(activity, excluded, now)) {
                continue;
            }
            Optional<Account> account = accounts.find(activity.accountId()).filter(ranking::recommendable);
            if (account.isEmpty()) {
                continue;
            }
            boolean phonePresent = present.contains(activity.accountId());
            candidates.add(new Candidate(account.get(), Ranking.score(live, account.get(), phonePresent), live.score(),
                    phonePresent));
        }
        return new Result(classification, ranking.shown(candidates));
    }

}
