package org.onekeylogin.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.AccountStanding;
import org.onekeylogin.approval.internal.LoginRequestRepository;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.RateLimiter;
import org.springframework.stereotype.Component;

/**
 * Anti-fatigue rules of phone-approved sign-in: nobody should be prompted so often that they approve a stranger's
 * request to make the prompts stop. After "that wasn't me" the requesting device and address are blocked for a
 * while; a device has one open request per account at a time; an account gets a bounded number of requests per
 * window; an address may start only so many requests a minute.
 *
 * <p>The account's rules are counted in the database, so they hold however many nodes serve the account. This
 * class only decides; the caller records a refusal and answers with it.
 */
@Component
class AntiFatiguePolicy {

    /** A request the rules refuse: {@code why} goes to the audit log, {@code answer} to the client. */
    record Refusal(String why, ApiException answer) {
    }

    private final LoginRequestRepository requests;
    private final AccountService accounts;
    private final RateLimiter limits;
    private final ApprovalProperties properties;

    AntiFatiguePolicy(LoginRequestRepository requests, AccountService accounts, RateLimiter limits,
            ApprovalProperties properties) {
        this.requests = requests;
        this.accounts = accounts;
        this.limits = limits;
        this.properties = properties;
    }

    /**
     * Counts a request from this address before anything is looked up, so an address cannot probe accounts faster
     * than the limit; throws {@code too_many_requests} beyond it.
     */
    void countRequestFrom(@Nullable String ipAddress) {
        limits.acquire("login-request-ip", String.valueOf(ipAddress), properties.requestsPerIpPerMinute(),
                Duration.ofMinutes(1));
    }

    /** The first rule this request would break, checked in order: blocked, already waiting, too many. */
    Optional<Refusal> refusal(Account account, StartLogin start, Instant now) {
        Optional<Instant> until = requests.blockedUntil(account.id(), start.device().id(), start.ipAddress(), now);
        if (until.isPresent()) {
            return Optional.of(new Refusal("blocked", new ApiException(ErrorCode.REQUESTER_BLOCKED,
                    "The owner of this account said an earlier request from here was not theirs. Phone approval is "
                            + "blocked here for now; use another way to sign in.",
                    Map.of("retry_after_seconds", secondsUntil(until.get(), now),
                            "fallbacks", PhoneApproval.FALLBACKS))));
        }
        int max = properties.maxRequestsPerAccount();
        List<Instant> recent = requests.newestSince(account.id(), now.minus(properties.requestWindow()), max);
        if (recent.size() >= max) {
            long seconds = secondsUntil(recent.getFirst().plus(properties.requestWindow()), now);
            return Optional.of(new Refusal("too_many_requests", new ApiException(ErrorCode.TOO_MANY_REQUESTS,
                    "Too many sign-in requests for this account. Please try again in " + (seconds + 59) / 60
                            + " minutes.",
                    Map.of("retry_after_seconds", seconds))));
        }
        return Optional.empty();
    }

    /**
     * After "that wasn't me": blocks the requesting device, and its address when known, from asking this account
     * again for a while, and raises the account's theft risk, which can stop it being recommended on shared
     * screens.
     */
    void blockRequester(LoginRequest request, Instant now) {
        Instant until = now.plus(properties.notMeBlock());
        requests.block(request.accountId(), "device", request.device().id(), until);
        if (request.ipAddress() != null) {
            requests.block(request.accountId(), "ip", request.ipAddress(), until);
        }
        Account account = accounts.get(request.accountId());
        accounts.updateStanding(account.id(), new AccountStanding(account.status(), account.tier(),
                account.userLevel(), account.risk().raised()));
    }

    /** Whole seconds until {@code then}, at least one, for a client's retry-after. */
    private static long secondsUntil(Instant then, Instant now) {
        return Math.max(1, Duration.between(now, then).toSeconds());
    }
}
