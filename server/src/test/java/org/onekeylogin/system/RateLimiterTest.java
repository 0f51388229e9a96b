package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.ManualClock;

/**
 * Fixed windows: where a window starts, when it resets, and the retry-after a refused
 * attempt is told.
 */
class RateLimiterTest {

    static final Duration MINUTE = Duration.ofMinutes(1);

    final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T12:00:00Z"));

    final RateLimiter limiter = new RateLimiter(clock);

    void acquireTimes(int times, String key) {
        for (int i = 0; i < times; i++) {
            limiter.acquire("sign-in", key, 3, MINUTE);
        }
    }

    static long retryAfter(Throwable refused) {
        return (long) ((ApiException) refused).details().get("retry_after_seconds");
    }

    @Test
    void whenAttemptsStayWithinTheLimitThenNoneIsRefused() {
        assertThatCode(() -> acquireTimes(3, "203.0.113.9")).doesNotThrowAnyException();
    }

    @Test
    void whenTheLimitIsPassedThenTheAttemptIsRefusedWithTheTimeLeftInTheWindow() {
        acquireTimes(1, "203.0.113.9");
        clock.advance(Duration.ofSeconds(20));
        acquireTimes(2, "203.0.113.9");
        assertThatThrownBy(() -> acquireTimes(1, "203.0.113.9")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            assertThat(e.details()).containsEntry("retry_after_seconds", 40L);
            assertThat(e.getMessage()).contains("40 seconds");
        });
    }

    @Test
    void whenTheWindowEndsThenCountingStartsAgainFromTheNextAttempt() {
        acquireTimes(3, "203.0.113.9");
        clock.advance(MINUTE.minusSeconds(1));
        assertThatThrownBy(() -> acquireTimes(1, "203.0.113.9")).isInstanceOf(ApiException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> acquireTimes(3, "203.0.113.9")).as("a fresh window at its end").doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> acquireTimes(1, "203.0.113.9"))
            .satisfies(refused -> assertThat(retryAfter(refused)).as("the new window started 30 s ago").isEqualTo(30));
    }

    @Test
    void whenLessThanASecondIsLeftThenTheRetryAfterIsStillOneSecond() {
        acquireTimes(3, "203.0.113.9");
        clock.advance(MINUTE.minusMillis(300));
        assertThatThrownBy(() -> acquireTimes(1, "203.0.113.9"))
            .satisfies(refused -> assertThat(retryAfter(refused)).isEqualTo(1));
    }

    @Test
    void whenRefusedAttemptsContinueThenTheWindowDoesNotMove() {
        acquireTimes(3, "203.0.113.9");
        for (int second = 10; second < 60; second += 10) {
            clock.advance(Duration.ofSeconds(10));
            long expected = 60 - second;
            assertThatThrownBy(() -> acquireTimes(1, "203.0.113.9"))
                .satisfies(refused -> assertThat(retryAfter(refused)).isEqualTo(expected));
        }
        clock.advance(Duration.ofSeconds(10));
        assertThatCode(() -> acquireTimes(1, "203.0.113.9")).doesNotThrowAnyException();
    }

    @Test
    void whenTheClockIsSetBackThenTheWindowOpenedInTheFutureIsOverAndANewOneStarts() {
        clock.advance(Duration.ofDays(91));
        acquireTimes(3, "203.0.113.9");
        clock.advance(Duration.ofDays(-91));
        assertThatCode(() -> acquireTimes(3, "203.0.113.9")).doesNotThrowAnyException();
        assertThatThrownBy(() -> acquireTimes(1, "203.0.113.9")).satisfies(
                refused -> assertThat(retryAfter(refused)).as("the new window's end, not the old one's").isEqualTo(60));
    }

    @Test
    void whenAnotherKeyOrBucketIsUsedThenItHasItsOwnCount() {
        acquireTimes(3, "203.0.113.9");
        assertThatCode(() -> acquireTimes(3, "198.51.100.7")).doesNotThrowAnyException();
        assertThatCode(() -> limiter.acquire("registration", "203.0.113.9", 3, MINUTE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> acquireTimes(1, "203.0.113.9")).isInstanceOf(ApiException.class);
    }

    @Test
    void whenOldWindowsAreEvictedThenRecentOnesKeepCounting() {
        acquireTimes(3, "old");
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        acquireTimes(3, "recent");
        limiter.evictOldWindows();
        assertThatThrownBy(() -> acquireTimes(1, "recent")).isInstanceOf(ApiException.class);
        assertThatCode(() -> acquireTimes(3, "old")).doesNotThrowAnyException();
    }

}
