package org.onekeylogin.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fixed-window request counters for everything a stranger can trigger (registration,
 * password attempts per address, the token endpoint, ...). On one node they live in its
 * memory; in a cluster ({@code onekey.redis.url} set) they are counted in Redis
 * ({@link SharedRateCounters}), so every node counts against the same bucket, and while
 * Redis does not answer each node counts on its own again (a limit per node still bounds
 * what one address can do to the whole cluster by the number of nodes). Limits that must
 * be exact (the anti-fatigue rules of phone approval, SMS codes) are counted in the
 * database by their own feature instead.
 */
@Component
public class RateLimiter {

    private record Window(Instant start, int count) {
    }

    private final Clock clock;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private final @Nullable SharedRateCounters shared;

    @Autowired
    public RateLimiter(Clock clock, ObjectProvider<SharedRateCounters> shared) {
        this.clock = clock;
        this.shared = shared.getIfAvailable();
    }

    /** Counters in this node's memory only. */
    public RateLimiter(Clock clock) {
        this(clock, (SharedRateCounters) null);
    }

    private RateLimiter(Clock clock, @Nullable SharedRateCounters shared) {
        this.clock = clock;
        this.shared = shared;
    }

    /**
     * Counters in a shared Redis, and in this node's memory while Redis does not answer.
     */
    public static RateLimiter counting(Clock clock, SharedRateCounters shared) {
        return new RateLimiter(clock, shared);
    }

    /**
     * Counts one attempt for {@code key} in {@code bucket}; throws
     * {@code too_many_requests} with a retry-after when the attempt is beyond
     * {@code limit} per {@code window}.
     */
    public void acquire(String bucket, String key, int limit, Duration window) {
        if (shared != null) {
            Optional<SharedRateCounters.Counted> counted = shared.count(bucket + '|' + key, window);
            if (counted.isPresent()) {
                if (counted.get().count() > limit) {
                    throw tooMany(Math.max(1, (counted.get().left().toMillis() + 999) / 1000));
                }
                return;
            }
        }
        Instant now = clock.instant();
        Window updated = windows.compute(bucket + '|' + key, (k, current) -> {
            // a window that starts after now was opened before the clock was set back: it
            // is over too, or the key
            // would wait for the clock to catch up
            if (current == null || now.isBefore(current.start()) || !now.isBefore(current.start().plus(window))) {
                return new Window(now, 1);
            }
            return new Window(current.start(), current.count() + 1);
        });
        if (updated.count() > limit) {
            throw tooMany(Math.max(1, Duration.between(now, updated.start().plus(window)).toSeconds()));
        }
    }

    private static ApiException tooMany(long retryAfter) {
        return new ApiException(ErrorCode.TOO_MANY_REQUESTS,
                "Too many attempts. Please wait " + retryAfter + " seconds and try again.",
                Map.of("retry_after_seconds", retryAfter));
    }

    /** Drops windows that ended long ago so memory stays bounded by recent traffic. */
    @Scheduled(fixedDelayString = "PT5M")
    void evictOldWindows() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(1));
        windows.values().removeIf(w -> w.start().isBefore(cutoff));
    }

}
