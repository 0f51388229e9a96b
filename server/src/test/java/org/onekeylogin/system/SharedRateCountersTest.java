package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ManualClock;
import org.onekeylogin.support.RedisServer;
import org.onekeylogin.support.TestAccounts;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Flood counters of several nodes share one Redis: however the attempts are spread over
 * the nodes, exactly the limit gets through; without Redis each node counts on its own.
 */
class SharedRateCountersTest {

    static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(Path.of("target", "redis", TestAccounts.unique("counters") + ".log"));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void whenFiftyAttemptsAreSpreadOverThreeNodesThenExactlyTheLimitGetsThrough() {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-12-01T12:00:00Z"));
        List<RateLimiter> nodes = new ArrayList<>();
        List<LettuceConnectionFactory> connections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LettuceConnectionFactory connection = connect(redis.url());
            connections.add(connection);
            nodes.add(RateLimiter.counting(clock, new SharedRateCounters(new StringRedisTemplate(connection))));
        }
        try {
            for (int round = 0; round < 3; round++) {
                String key = TestAccounts.unique("address");
                List<Boolean> passed = Concurrently.run(50, i -> attempt(nodes.get(i % 3), key));
                assertThat(passed).filteredOn(p -> p).as("round " + round).hasSize(20);
            }
        }
        finally {
            connections.forEach(LettuceConnectionFactory::destroy);
        }
    }

    @Test
    void whenRedisCannotBeReachedThenEachNodeCountsOnItsOwn() {
        Clock clock = new ManualClock(java.time.Instant.parse("2026-12-01T12:00:00Z"));
        LettuceConnectionFactory unreachable = connect("redis://127.0.0.1:1");
        try {
            RateLimiter node = RateLimiter.counting(clock,
                    new SharedRateCounters(new StringRedisTemplate(unreachable)));
            String key = TestAccounts.unique("address");
            List<Boolean> passed = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                passed.add(attempt(node, key));
            }
            assertThat(passed).filteredOn(p -> p).hasSize(20);
        }
        finally {
            unreachable.destroy();
        }
    }

    private static boolean attempt(RateLimiter node, String key) {
        try {
            node.acquire("test", key, 20, Duration.ofMinutes(1));
            return true;
        }
        catch (ApiException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            return false;
        }
    }

    /** A connection made as the service makes it. */
    private static LettuceConnectionFactory connect(String url) {
        LettuceConnectionFactory connection = new SharedRedisConfig().redisConnectionFactory(new SharedRedisProperties(
                url, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1)));
        connection.afterPropertiesSet();
        connection.start();
        return connection;
    }

}
