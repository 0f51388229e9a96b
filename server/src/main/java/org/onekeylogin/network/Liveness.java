package org.onekeylogin.network;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of liveness: activity counts for less as it ages, halving every
 * half-life. A score is kept as its natural logarithm measured from a fixed origin
 * ({@code ln w + t/tau} for weight {@code w} at time {@code t}), so adding activity
 * touches one row, no row is ever rewritten to decay, and two accounts compare the same
 * way at every moment: decay divides all scores by the same factor.
 */
public record Liveness(Duration halfLife) {

    public Liveness {
        if (halfLife == null || halfLife.toSeconds() < 1) {
            throw new IllegalArgumentException("halfLife must be at least one second");
        }
    }

    /**
     * The decay time constant in seconds: a score falls by a factor of e every
     * {@code tau}.
     */
    public double tau() {
        return halfLife.toSeconds() / Math.log(2);
    }

    /** The stored form of {@code weight} units of activity at {@code at}. */
    public double logWeight(double weight, Instant at) {
        return Math.log(weight) + at.getEpochSecond() / tau();
    }

    /** What a stored score is worth at {@code now}, in units of activity. */
    public double scoreAt(double logLiveness, Instant now) {
        double nowExponent = now.getEpochSecond() / tau();
        return Math.exp(logLiveness - nowExponent);
    }

    /**
     * The stored form of the sum of two stored scores, {@code ln(e^a + e^b)}, computed
     * without overflowing: the exponents grow with time and {@code e^a} alone is far
     * beyond a double.
     */
    public static double plus(double a, double b) {
        return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
