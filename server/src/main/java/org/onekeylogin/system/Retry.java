package org.onekeylogin.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Calls a remote service again after a failure worth retrying, waiting longer each time:
 * at most {@code attempts} tries, the first wait {@code firstDelay}, each later wait
 * {@code multiplier} times the one before, and no wait after the last try. The schedule
 * is Spring Framework's {@link RetryTemplate} with its exponential back-off.
 *
 * <p>
 * What counts as a failure stays with the caller, who knows the remote service: an
 * {@link Attempt} logs at most one WARN line for its failure (without a stack trace,
 * since a service being down is not a bug here) and answers whether it is done. An
 * unexpected exception from an attempt is not retried; it propagates.
 */
public final class Retry {

    /** How a run ended. */
    public enum Outcome {

        /**
         * An attempt said it was done: delivered, or refused in a way that retrying
         * cannot change.
         */
        DONE,
        /** Every attempt failed. */
        GAVE_UP,
        /** The thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED

    }

    /** One try at the remote call. */
    @FunctionalInterface
    public interface Attempt {

        /**
         * Tries once ({@code attempt} counts from 1); true when done, false after a
         * failure worth another try.
         */
        boolean run(int attempt) throws InterruptedException;

    }

    /**
     * Tells the template an attempt wants another try; it carries nothing, so it has no
     * stack trace either.
     */
    private static final class TryAgain extends RuntimeException {

        TryAgain() {
            super("attempt failed", null, false, false);
        }

    }

    private static final TryAgain TRY_AGAIN = new TryAgain();

    private final RetryPolicy policy;

    private Retry(RetryPolicy policy) {
        this.policy = policy;
    }

    public static Retry withBackoff(int attempts, Duration firstDelay, double multiplier) {
        if (attempts < 1) {
            throw new IllegalArgumentException("At least one attempt, not " + attempts);
        }
        return new Retry(RetryPolicy.builder()
            .maxRetries(attempts - 1L)
            .delay(firstDelay)
            .multiplier(multiplier)
            .predicate(TryAgain.class::isInstance)
            .build());
    }

    public Outcome run(Attempt attempt) {
        return run(attempt, () -> {
        });
    }

    /**
     * As {@link #run(Attempt)}; {@code beforeEachRetry} runs once before every try after
     * the first.
     */
    public Outcome run(Attempt attempt, Runnable beforeEachRetry) {
        RetryTemplate template = new RetryTemplate(policy);
        template.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState state) {
                beforeEachRetry.run();
            }
        });
        AtomicInteger tries = new AtomicInteger();
        try {
            template.execute(() -> {
                if (!attempt.run(tries.incrementAndGet())) {
                    throw TRY_AGAIN;
                }
                return null;
            });
            return Outcome.DONE;
        }
        catch (RetryException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                return Outcome.INTERRUPTED;
            }
            if (cause instanceof RuntimeException unexpected && !(cause instanceof TryAgain)) {
                throw unexpected;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return Outcome.GAVE_UP;
        }
    }

    /** The schedule, for tests that check the waits without sleeping through them. */
    RetryPolicy policy() {
        return policy;
    }

}
