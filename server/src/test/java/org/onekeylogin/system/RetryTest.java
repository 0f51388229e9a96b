package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

/** Retrying a remote call: how many tries, how long between them, and what stops it. */
class RetryTest {

    private static final Retry QUICK = Retry.withBackoff(3, Duration.ofMillis(1), 2);

    private final AtomicInteger tries = new AtomicInteger();

    private final AtomicInteger retries = new AtomicInteger();

    @Test
    void whenTheFirstAttemptIsDoneThenThereIsNoOther() {
        assertThat(QUICK.run(n -> tries.incrementAndGet() > 0, retries::incrementAndGet)).isEqualTo(Retry.Outcome.DONE);
        assertThat(tries).hasValue(1);
        assertThat(retries).hasValue(0);
    }

    @Test
    void whenTheSecondAttemptIsDoneThenItStopsThere() {
        assertThat(QUICK.run(n -> tries.incrementAndGet() == 2, retries::incrementAndGet))
            .isEqualTo(Retry.Outcome.DONE);
        assertThat(tries).hasValue(2);
        assertThat(retries).hasValue(1);
    }

    @Test
    void whenEveryAttemptFailsThenItGivesUpAfterTheLastWithAttemptsNumberedFromOne() {
        List<Integer> numbers = new ArrayList<>();
        assertThat(QUICK.run(n -> !numbers.add(n), retries::incrementAndGet)).isEqualTo(Retry.Outcome.GAVE_UP);
        assertThat(numbers).containsExactly(1, 2, 3);
        assertThat(retries).hasValue(2);
    }

    @Test
    void whenThereIsOneAttemptThenAFailureIsNotRetried() {
        assertThat(Retry.withBackoff(1, Duration.ofMillis(1), 2).run(n -> tries.incrementAndGet() < 0))
            .isEqualTo(Retry.Outcome.GAVE_UP);
        assertThat(tries).hasValue(1);
    }

    @Test
    void whenWaitsAreScheduledThenEachIsTheMultipleOfTheOneBeforeAndNoneFollowsTheLastAttempt() {
        assertThat(waits(Retry.withBackoff(3, Duration.ofMillis(500), 2))).containsExactly(500L, 1000L);
        assertThat(waits(Retry.withBackoff(3, Duration.ofMillis(500), 4))).containsExactly(500L, 2000L);
        assertThat(waits(Retry.withBackoff(1, Duration.ofMillis(500), 2))).isEmpty();
    }

    @Test
    void whenAnAttemptThrowsUnexpectedlyThenItIsNotRetriedAndTheExceptionPropagates() {
        assertThatThrownBy(() -> QUICK.run(n -> {
            tries.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug");
        assertThat(tries).hasValue(1);
    }

    @Test
    void whenTheThreadIsInterruptedThenItStopsAndKeepsTheInterruptFlag() {
        try {
            assertThat(QUICK.run(n -> {
                tries.incrementAndGet();
                throw new InterruptedException();
            })).isEqualTo(Retry.Outcome.INTERRUPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(tries).hasValue(1);
        }
        finally {
            Thread.interrupted();
        }
    }

    private static List<Long> waits(Retry retry) {
        BackOffExecution execution = retry.policy().getBackOff().start();
        List<Long> waits = new ArrayList<>();
        for (long wait = execution.nextBackOff(); wait != BackOffExecution.STOP; wait = execution.nextBackOff()) {
            waits.add(wait);
        }
        return waits;
    }

}
