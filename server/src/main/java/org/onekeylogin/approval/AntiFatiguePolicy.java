package org.onekeylogin.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.account.AccountStanding;
import org.onekeylogin.approval.internal.LoginRequestRepository;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.RateLimiter;
import org.springframework.stereotype.Component;

/**
 * Anti-fatigue rules of phone-approved sign-in: nobody should be prompted so often that
 * they approve a stranger's request to make the prompts stop, and no stranger should be
 * able to keep the owner from signing in. After "that wasn't me" the requester is blocked
 * for a while ({@link RequesterBlocks}). Otherwise the limits are counted per requester
 * within the account (its device and, separately, its address, since a requester chooses
 * its device id freely): a few requests at once, then growing waits, then none until the
 * window moves on. All strangers together are held to a ceiling per account that bounds
 * the prompts on the owner's phone; a device that has signed in to the account before is
 * held only to its own limit, so it still gets through while strangers flood; a new
 * device in a network the account trusts (it signed in there before, from the same
 * address) is not held to the ceiling either. An address may start only so many requests
 * a minute on one node, whatever account it names.
 *
 * <p>
 * The account's rules are counted in the database, and the caller checks them and records
 * the request under one row lock on the account, so they hold however many requests
 * arrive at once on however many nodes. This class only decides; the caller records a
 * refusal and answers with it.
 */
@Component
class AntiFatiguePolicy {

    /**
     * A request the rules refuse: {@code why} goes to the audit log, {@code answer} to
     * the client.
     */
    record Refusal(String why, ApiException answer) {
    }

    private final LoginRequestRepository requests;

    private final AccountService accounts;

    private final RateLimiter limits;

    private final RequesterBlocks blocks;

    private final ApprovalProperties properties;

    private final NetworkEnvironments networks;

    AntiFatiguePolicy(LoginRequestRepository requests, AccountService accounts, RateLimiter limits,
            RequesterBlocks blocks, ApprovalProperties properties, NetworkEnvironments networks) {
        this.networks = networks;
        this.blocks = blocks;
        this.requests = requests;
        this.accounts = accounts;
        this.limits = limits;
        this.properties = properties;
    }

    /**
     * Counts a request from this address before anything is looked up, so an address
     * cannot probe accounts faster than the limit; throws {@code too_many_requests}
     * beyond it.
     */
    void countRequestFrom(@Nullable String ipAddress) {
        if (ipAddress == null) {
            // a CIBA request: the address is the client's server, shared by all its
            // users; the client authenticated, and each account's limits still hold
            return;
        }
        limits.acquire("login-request-ip", String.valueOf(ipAddress), properties.requestsPerIpPerMinute(),
                Duration.ofMinutes(1));
    }

    /**
     * The first rule this request would break, checked in order: blocked, too many from
     * this requester, too many from strangers for this account. Called under the
     * account's request lock.
     */
    Optional<Refusal> refusal(Account account, StartLogin start, Instant now) {
        boolean knownDevice = blocks.isKnown(account.id(), start.device().id());
        Optional<Instant> until = blocks.blockedUntil(account.id(), requester(start), knownDevice);
        if (until.isPresent()) {
            return Optional.of(new Refusal("blocked", RequesterBlocks.blocked(secondsUntil(until.get(), now))));
        }
        Instant since = now.minus(properties.requestWindow());
        int perRequester = properties.maxRequestsPerRequester();
        Instant allowedAt = allowedAfter(
                requests.newestFromDevice(account.id(), start.device().id(), since, perRequester), now);
        if (!knownDevice && start.ipAddress() != null) {
            // a device the account knows is not held back by strangers sharing its
            // address
            Instant byAddress = allowedAfter(
                    requests.newestFromAddress(account.id(), start.ipAddress(), since, perRequester), now);
            allowedAt = byAddress.isAfter(allowedAt) ? byAddress : allowedAt;
        }
        if (allowedAt.isAfter(now)) {
            long seconds = secondsUntil(allowedAt, now);
            return Optional.of(new Refusal("too_many_requests_from_requester",
                    new ApiException(ErrorCode.TOO_MANY_REQUESTS,
                            "Too many sign-in requests for this account from here. Please try " + "again in "
                                    + inWords(seconds) + ".",
                            Map.of("retry_after_seconds", seconds, "limit", "requester"))));
        }
        int ceiling = properties.maxRequestsPerAccount();
        List<Instant> recent = knownDevice ? List.of() : requests.newestSince(account.id(), since, ceiling);
        // the network's trust is looked up only when the ceiling would refuse
        if (recent.size() >= ceiling && !trustedNetwork(account, start)) {
            long seconds = secondsUntil(recent.getFirst().plus(properties.requestWindow()), now);
            return Optional.of(new Refusal("too_many_requests_for_account",
                    new ApiException(ErrorCode.TOO_MANY_REQUESTS,
                            "Too many sign-in requests for this account. Please try again in " + inWords(seconds)
                                    + ", or sign in from a device this account has used before.",
                            Map.of("retry_after_seconds", seconds, "limit", "account"))));
        }
        return Optional.empty();
    }

    /**
     * Whether the request comes from a network the account trusts (it signed in there
     * before, from this address): a new device at home is not held to the ceiling that
     * strangers elsewhere have filled, though it is still held to its own limits and
     * those of its address, so a guest on the Wi-Fi cannot flood by changing device ids.
     */
    private boolean trustedNetwork(Account account, StartLogin start) {
        return start.networkId() != null && networks.trustedBy(account.id(), start.networkId(), start.ipAddress());
    }

    /**
     * When one requester may ask again, given its newest requests in the window (oldest
     * first, at most {@code max-requests-per-requester}): at once within the burst; then
     * {@code requester-backoff} after its previous request, doubled for each request
     * beyond the burst; at the limit, when its oldest request leaves the window.
     */
    private Instant allowedAfter(List<Instant> recent, Instant now) {
        if (recent.size() >= properties.maxRequestsPerRequester()) {
            return recent.getFirst().plus(properties.requestWindow());
        }
        int beyondBurst = recent.size() - properties.requesterBurst();
        if (beyondBurst < 0) {
            return now;
        }
        return recent.getLast().plus(properties.requesterBackoff().multipliedBy(1L << Math.min(beyondBurst, 20)));
    }

    private static String inWords(long seconds) {
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }

    /**
     * After "that wasn't me": blocks the requesting device, its address and its network
     * when known, from asking this account again for a while (see
     * {@link RequesterBlocks}), and raises the account's theft risk, which can stop it
     * being recommended on shared screens.
     */
    void blockRequester(LoginRequest request) {
        blocks.notMe(request.accountId(),
                new RequesterBlocks.Requester(request.device().id(), request.ipAddress(), request.networkId()));
        Account account = accounts.get(request.accountId());
        accounts.updateStanding(account.id(),
                new AccountStanding(account.status(), account.tier(), account.userLevel(), account.risk().raised()));
    }

    private static RequesterBlocks.Requester requester(StartLogin start) {
        return new RequesterBlocks.Requester(start.device().id(), start.ipAddress(), start.networkId());
    }

    /** Whole seconds until {@code then}, at least one, for a client's retry-after. */
    private static long secondsUntil(Instant then, Instant now) {
        return Math.max(1, Duration.between(now, then).toSeconds());
    }

}
