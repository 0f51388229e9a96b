package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void whenAttemptsFailInARowThenTheCeilingDoublesUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void whenJitterIsAppliedThenTheWaitIsBetweenHalfAndAllOfTheCeiling() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0).delay(3))
            .isEqualTo(Duration.ofSeconds(4));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999).delay(3))
            .isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
        Backoff random = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        for (int i = 0; i < 1000; i++) {
            assertThat(random.delay(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void whenTheScheduleMakesNoSenseThenItIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class);
    }

}
