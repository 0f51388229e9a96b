package org.onekeylogin.system;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Flood counters in the cluster's Redis, so that every node counts against the same
 * window and N nodes do not let a caller do N times as much. Each window is one Redis
 * key, counted by a script that Redis runs atomically: it increments the key, starts the
 * key's expiry with the first attempt, and answers the count and the time left. One round
 * trip per attempt, however many nodes count the same key at once — a flood on one key is
 * exactly when this matters. (Bucket4j's compare-and-swap buckets, tried first, retried
 * so often under such a flood that most attempts ran out of time.) Keys are SHA-256
 * hashes: Redis holds no address or login name. When Redis cannot answer the caller
 * counts on its own node instead (see {@link RateLimiter}).
 */
public class SharedRateCounters {

    private static final Logger log = LoggerFactory.getLogger(SharedRateCounters.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
            return {count, left}
            """, List.class);

    private final StringRedisTemplate redis;

    public SharedRateCounters(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A window's count after this attempt, and how long the window still runs. */
    record Counted(long count, Duration left) {
    }

    /**
     * Counts one attempt in the window of {@code key}; empty when Redis cannot answer.
     */
    Optional<Counted> count(String key, Duration window) {
        try {
            List<?> answer = redis.execute(COUNT, List.of("onekey:limit:" + Hashing.sha256Hex(key)),
                    Long.toString(window.toMillis()));
            if (answer == null || answer.size() != 2) {
                return Optional.empty();
            }
            return Optional.of(new Counted(((Number) answer.get(0)).longValue(),
                    Duration.ofMillis(((Number) answer.get(1)).longValue())));
        }
        catch (RuntimeException unreachable) {
            log.debug("Redis did not count an attempt: {}", unreachable.toString());
            return Optional.empty();
        }
    }

}
