package org.onekeylogin.system;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Rate-limit buckets in the cluster's Redis (Bucket4j, compare-and-swap), so that every
 * node counts against the same bucket and N nodes do not let a stranger do N times as
 * much. A bucket holds {@code limit} attempts and refills all of them at the end of each
 * window, as the node-local counters do. Keys are hashed: Redis holds no address or login
 * name. When Redis cannot be reached the caller counts on its own node instead (see
 * {@link RateLimiter}); a new connection is tried at most once a second.
 */
public class SharedRateCounters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRateCounters.class);

    private static final long RECONNECT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedisClient client;

    private final Clock clock;

    private final Duration timeout;

    private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;

    private volatile @Nullable LettuceBasedProxyManager<String> buckets;

    private volatile long nextConnectAttempt;

    public SharedRateCounters(SharedRedisProperties properties, Clock clock) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.commandTimeout());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
        this.clock = clock;
        this.timeout = properties.commandTimeout();
    }

    /**
     * Takes one attempt from the bucket {@code key}; empty when Redis cannot answer now.
     */
    Optional<ConsumptionProbe> tryConsume(String key, int limit, Duration window) {
        LettuceBasedProxyManager<String> manager = manager();
        if (manager == null) {
            return Optional.empty();
        }
        try {
            BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillIntervally(limit, window))
                .build();
            return Optional.of(manager.builder()
                .build("onekey:limit:" + Hashing.sha256Hex(key), () -> configuration)
                .tryConsumeAndReturnRemaining(1));
        }
        catch (RuntimeException unreachable) {
            log.debug("Redis did not count an attempt: {}", unreachable.toString());
            return Optional.empty();
        }
    }

    private @Nullable LettuceBasedProxyManager<String> manager() {
        LettuceBasedProxyManager<String> current = buckets;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (buckets != null || System.nanoTime() < nextConnectAttempt) {
                return buckets;
            }
            nextConnectAttempt = System.nanoTime() + RECONNECT_EVERY_NANOS;
            try {
                StatefulRedisConnection<String, byte[]> connected = client
                    .connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                connection = connected;
                buckets = Bucket4jLettuce.casBasedBuilder(connected)
                    .clientClock(new ServiceClock(clock))
                    .requestTimeout(timeout)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
                return buckets;
            }
            catch (RuntimeException unreachable) {
                log.debug("Redis is not reachable for rate limits: {}", unreachable.toString());
                return null;
            }
        }
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, timeout);
    }

    /**
     * Bucket4j on the service's clock, so every node and every test counts the same time.
     */
    private record ServiceClock(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            var now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }

    }

}
