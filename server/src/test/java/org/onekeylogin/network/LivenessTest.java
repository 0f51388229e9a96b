package org.onekeylogin.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The liveness arithmetic: decay by half-lives, adding activity, and orderings that do
 * not depend on when.
 */
class LivenessTest {

    static final Liveness FOURTEEN_DAYS = new Liveness(Duration.ofDays(14));
    static final Instant T0 = Instant.parse("2025-03-01T19:00:00Z");

    @Test
    void whenScoredAtTheMomentItHappenedThenActivityIsWorthItsWeight() {
        assertThat(FOURTEEN_DAYS.scoreAt(FOURTEEN_DAYS.logWeight(3, T0), T0)).isCloseTo(3, within(1e-9));
    }

    @Test
    void whenOneHalfLifePassesThenTheScoreHalves() {
        double stored = FOURTEEN_DAYS.logWeight(1, T0);
        assertThat(FOURTEEN_DAYS.scoreAt(stored, T0.plus(Duration.ofDays(14)))).isCloseTo(0.5, within(1e-9));
        assertThat(FOURTEEN_DAYS.scoreAt(stored, T0.plus(Duration.ofDays(28)))).isCloseTo(0.25, within(1e-9));
        assertThat(FOURTEEN_DAYS.scoreAt(stored, T0.plus(Duration.ofDays(7)))).isCloseTo(Math.sqrt(0.5), within(1e-9));
    }

    @Test
    void whenTheHalfLifeIsShorterThenTheSameTimeDecaysMore() {
        Liveness oneDay = new Liveness(Duration.ofDays(1));
        assertThat(oneDay.scoreAt(oneDay.logWeight(1, T0), T0.plus(Duration.ofDays(14)))).isCloseTo(Math.pow(0.5, 14),
                within(1e-12));
        assertThat(oneDay.tau()).isCloseTo(86_400 / Math.log(2), within(1e-6));
    }

    @Test
    void whenActivityIsAddedThenTheScoresAdd() {
        double twoThenOne = Liveness.plus(FOURTEEN_DAYS.logWeight(2, T0), FOURTEEN_DAYS.logWeight(1, T0));
        assertThat(FOURTEEN_DAYS.scoreAt(twoThenOne, T0)).isCloseTo(3, within(1e-9));
        assertThat(Liveness.plus(FOURTEEN_DAYS.logWeight(1, T0), FOURTEEN_DAYS.logWeight(2, T0))).as("in either order")
            .isCloseTo(twoThenOne, within(1e-12));
    }

    @Test
    void whenOldActivityIsAddedToNewThenItCountsAsDecayed() {
        double sum = Liveness.plus(FOURTEEN_DAYS.logWeight(1, T0),
                FOURTEEN_DAYS.logWeight(1, T0.plus(Duration.ofDays(14))));
        assertThat(FOURTEEN_DAYS.scoreAt(sum, T0.plus(Duration.ofDays(14)))).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void whenTheStoredLogarithmsAreFarBeyondWhatADoubleCanExponentiateThenAddingStillWorks() {
        Instant decadesLater = T0.plus(Duration.ofDays(365 * 30));
        double stored = FOURTEEN_DAYS.logWeight(1, decadesLater);
        assertThat(Math.exp(stored)).as("e^stored alone overflows").isInfinite();
        assertThat(FOURTEEN_DAYS.scoreAt(Liveness.plus(stored, stored), decadesLater)).isCloseTo(2, within(1e-9));
    }

    @Test
    void whenOneAccountIsAheadThenItStaysAheadAtEveryLaterMoment() {
        // two sign-ins two days before one and a half units of activity: about 1.81
        // against 1.5 once both are done
        double dad = Liveness.plus(FOURTEEN_DAYS.logWeight(1, T0), FOURTEEN_DAYS.logWeight(1, T0.plusSeconds(3600)));
        double mum = FOURTEEN_DAYS.logWeight(1.5, T0.plus(Duration.ofDays(2)));
        assertThat(dad).isGreaterThan(mum);
        for (int days = 2; days <= 120; days += 17) {
            Instant later = T0.plus(Duration.ofDays(days));
            double ratio = FOURTEEN_DAYS.scoreAt(mum, later) / FOURTEEN_DAYS.scoreAt(dad, later);
            assertThat(FOURTEEN_DAYS.scoreAt(dad, later)).isGreaterThan(FOURTEEN_DAYS.scoreAt(mum, later));
            assertThat(ratio).as("decay divides both by the same factor")
                .isCloseTo(FOURTEEN_DAYS.scoreAt(mum, T0) / FOURTEEN_DAYS.scoreAt(dad, T0), within(1e-9));
        }
    }

    @Test
    void whenTheHalfLifeIsUnderASecondThenItIsRefused() {
        assertThatThrownBy(() -> new Liveness(Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Liveness(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }

}
