package org.onekeylogin.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next reconnect: {@code initial}, doubling per failed
 * attempt up to {@code max}, each wait picked at random between half and all of that
 * ("equal jitter"), so a node's restart does not bring every device back in the same
 * second.
 */
public final class Backoff {

    private final Duration initial;

    private final Duration max;

    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a source of numbers in [0, 1) for the jitter, e.g. a fixed one in a test. */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Back-off needs 0 < initial <= max");
        }
        this.initial = initial;
        this.max = max;
        this.random = Objects.requireNonNull(random);
    }

    /**
     * The ceiling of the wait after {@code attempt} failures in a row (0 for the first).
     */
    public Duration ceiling(int attempt) {
        Duration d = initial;
        for (int i = 0; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * The wait after {@code attempt} failures in a row, between half and all of the
     * ceiling.
     */
    public Duration delay(int attempt) {
        long ceiling = ceiling(attempt).toMillis();
        double r = random.getAsDouble();
        return Duration.ofMillis(ceiling / 2 + (long) (ceiling / 2.0 * Math.min(Math.max(r, 0), 1)));
    }

}
