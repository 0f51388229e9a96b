package org.onekeylogin.signin;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.signin.internal.LocalQueue;
import org.onekeylogin.signin.internal.PasswordAttemptRepository;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.RateLimiter;
import org.onekeylogin.system.RequestLocks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every check of an account's password, whoever asks for it (a device signing in, an
 * account binding another), within the account's password limits (see
 * {@link SignInProperties}): counted per requester — its device and, separately, its
 * address, since a requester chooses its device id freely — with growing waits, and for
 * all strangers together, so that guesses neither get far nor lock the owner out.
 *
 * <p>
 * The limits hold on every node and under any number of attempts at once: the attempt is
 * checked against the recorded ones and recorded, under one row lock on the account, in a
 * transaction of its own, before its password is compared. A right password removes the
 * record again, so only failures (and checks still running) count. The comparison itself
 * runs outside the lock, so a flood of guesses does not queue the owner behind bcrypt,
 * and attempts on one account wait for the lock in a queue on their node
 * ({@link LocalQueue}) rather than in the database connection pool.
 */
@Service
public class PasswordAttempts {

    /** Who tries a password: its device and its address. */
    public record Requester(String deviceId, @Nullable String ipAddress) {
    }

    private final AccountService accounts;

    private final PasswordAttemptRepository attempts;

    private final RequestLocks locks;

    private final LocalQueue queue;

    private final KnownDevices knownDevices;

    private final RateLimiter limits;

    private final SignInProperties properties;

    private final Clock clock;

    private final TransactionTemplate transaction;

    PasswordAttempts(AccountService accounts, PasswordAttemptRepository attempts, RequestLocks locks, LocalQueue queue,
            KnownDevices knownDevices, RateLimiter limits, SignInProperties properties, Clock clock,
            PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.attempts = attempts;
        this.locks = locks;
        this.queue = queue;
        this.knownDevices = knownDevices;
        this.limits = limits;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The account named by {@code login} when {@code password} is its password; otherwise
     * {@code invalid_credentials} (or {@code account_not_active}), and beyond a limit
     * {@code too_many_requests} without the password being looked at.
     */
    public Account verify(String login, String password, Requester requester) {
        limits.acquire("password-ip", String.valueOf(requester.ipAddress()),
                properties.passwordAttemptsPerIpPerMinute(), Duration.ofMinutes(1));
        Optional<Account> named = accounts.findByIdentifier(login);
        // keyed by the account, whichever way it is typed; a name that is no account is
        // limited alike, so the answers do not tell the two apart
        String accountKey = named.map(Account::id).orElse("login:" + login.trim().toLowerCase(Locale.ROOT));
        boolean known = named.isPresent() && knownDevices.isKnown(accountKey, requester.deviceId());
        String attemptId = queue.inTurn(accountKey, () -> transaction.execute(status -> {
            locks.lock("password", accountKey);
            Instant now = clock.instant();
            refuseBeyondLimits(accountKey, requester, known, now);
            String id = UUID.randomUUID().toString();
            // a device the account knows is held to its own count only, and its attempts
            // (even one in flight that will turn out right) take nothing from the
            // address's
            attempts.insert(id, accountKey, requester.deviceId(), known ? null : requester.ipAddress(), now);
            return id;
        }));
        try {
            Account account = accounts.authenticate(login, password);
            attempts.delete(attemptId);
            return account;
        }
        finally {
            // attempts that left the window count for nothing; deleting them needs no
            // lock
            attempts.deleteBefore(accountKey, clock.instant().minus(properties.passwordWindow()));
        }
    }

    private void refuseBeyondLimits(String accountKey, Requester requester, boolean known, Instant now) {
        Instant since = now.minus(properties.passwordWindow());
        int perRequester = properties.passwordFailuresPerRequester();
        Instant allowedAt = allowedAfter(
                attempts.newestFromDevice(accountKey, requester.deviceId(), since, perRequester), now);
        if (!known && requester.ipAddress() != null) {
            // a device the account knows is not held back by strangers sharing its
            // address
            Instant byAddress = allowedAfter(
                    attempts.newestFromAddress(accountKey, requester.ipAddress(), since, perRequester), now);
            allowedAt = byAddress.isAfter(allowedAt) ? byAddress : allowedAt;
        }
        if (allowedAt.isAfter(now)) {
            long seconds = secondsUntil(allowedAt, now);
            throw new ApiException(
                    ErrorCode.TOO_MANY_REQUESTS, "Too many wrong passwords for this account from here. Please wait "
                            + inWords(seconds) + " and try again.",
                    Map.of("retry_after_seconds", seconds, "limit", "requester"));
        }
        if (known) {
            return;
        }
        int ceiling = properties.passwordFailuresPerAccount();
        List<Instant> recent = attempts.newestForAccount(accountKey, since, ceiling);
        if (recent.size() >= ceiling) {
            long seconds = secondsUntil(recent.getFirst().plus(properties.passwordWindow()), now);
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS,
                    "Too many wrong passwords for this account. Please wait " + inWords(seconds)
                            + ", or sign in from a device this account has used before.",
                    Map.of("retry_after_seconds", seconds, "limit", "account"));
        }
    }

    /**
     * When one requester may try again, given its newest failures in the window (oldest
     * first, at most {@code password-failures-per-requester}): at once within the burst;
     * then {@code password-backoff} after its previous one, doubled for each failure
     * beyond the burst; at the limit, when its oldest failure leaves the window.
     */
    private Instant allowedAfter(List<Instant> recent, Instant now) {
        if (recent.size() >= properties.passwordFailuresPerRequester()) {
            return recent.getFirst().plus(properties.passwordWindow());
        }
        int beyondBurst = recent.size() - properties.passwordBurst();
        if (beyondBurst < 0) {
            return now;
        }
        return recent.getLast().plus(properties.passwordBackoff().multipliedBy(1L << Math.min(beyondBurst, 20)));
    }

    private static String inWords(long seconds) {
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }

    private static long secondsUntil(Instant then, Instant now) {
        return Math.max(1, Duration.between(now, then).toSeconds());
    }

    /**
     * Forgets failed attempts that left the window, for accounts nobody tried again (an
     * account's own old attempts also go at its next attempt). Once per cluster.
     */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @SchedulerLock(name = "password-attempts-cleanup", lockAtLeastFor = "PT5M")
    void forgetOldAttempts() {
        attempts.deleteAllBefore(clock.instant().minus(properties.passwordWindow()));
    }

}
