package org.onekeylogin.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what a feature queued in the database for another system (a phone push, a
 * back-channel logout), on every node: one loop claims what is due (at once when this
 * node queued something, otherwise every {@code pollInterval}, which also picks up
 * retries and the claims of a node that stopped), and each claimed item is delivered on
 * its own virtual thread, at most {@code inFlight} at a time.
 *
 * <p>
 * The queue is a table: the feature's {@link Queue#claimDue} claims rows by a conditional
 * UPDATE for {@code claimFor}, so each attempt leaves once whatever the number of nodes,
 * and a node that stops while sending leaves its claims to run out. What an answer means
 * (done, retry at, given up) is the feature's; {@link #backoff} is the one waiting rule.
 *
 * @param <T> one claimed item
 */
public final class DeliveryLoop<T> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    /** Claims due items for the loop; the feature's table. */
    @FunctionalInterface
    public interface Queue<T> {

        /**
         * Claims up to {@code limit} items due at {@code now} and not claimed by a node
         * now, for {@code claimUntil}.
         */
        List<T> claimDue(Instant now, Instant claimUntil, int limit);

    }

    private final String name;

    private final Queue<T> queue;

    private final Consumer<T> deliver;

    private final Duration pollInterval;

    private final Duration claimFor;

    private final Clock clock;

    private final int inFlightLimit;

    private final Semaphore inFlight;

    private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);

    private volatile @Nullable Thread loop;

    /**
     * @param name names the threads and the log lines
     * @param deliver delivers one claimed item and records how it went; must not throw
     */
    public DeliveryLoop(String name, Queue<T> queue, Consumer<T> deliver, Duration pollInterval, Duration claimFor,
            int inFlight, Clock clock) {
        this.name = name;
        this.queue = queue;
        this.deliver = deliver;
        this.pollInterval = pollInterval;
        this.claimFor = claimFor;
        this.inFlightLimit = inFlight;
        this.inFlight = new Semaphore(inFlight);
        this.clock = clock;
    }

    /**
     * The wait after the {@code attempt}-th failed try: {@code first} after the first,
     * doubling, at most {@code longest}.
     */
    public static Duration backoff(Duration first, int attempt, Duration longest) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 20));
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    /** Something was queued on this node: look now rather than at the next poll. */
    public void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    public void start() {
        Thread thread = Thread.ofVirtual().name(name).unstarted(this::run);
        loop = thread;
        thread.start();
    }

    public void stop() {
        Thread running = loop;
        loop = null;
        if (running != null) {
            running.interrupt();
        }
    }

    public boolean isRunning() {
        return loop != null;
    }

    private void run() {
        while (loop == Thread.currentThread()) {
            try {
                int claimed = sendDue();
                if (claimed < inFlightLimit) {
                    wakeUps.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            catch (InterruptedException e) {
                return;
            }
            catch (RuntimeException e) {
                // the database being away for a moment must not end the loop
                log.warn("{}: could not read what is due: {}", name, e.toString());
                sleepQuietly(pollInterval);
            }
        }
    }

    /** Claims what is due, as many as may be sent now, and starts sending them. */
    public int sendDue() throws InterruptedException {
        inFlight.acquire();
        int free = 1 + inFlight.drainPermits();
        Instant now = clock.instant();
        List<T> claimed;
        try {
            claimed = queue.claimDue(now, now.plus(claimFor), free);
        }
        finally {
            inFlight.release(free);
        }
        for (T item : claimed) {
            inFlight.acquire();
            Thread.ofVirtual().name(name + "-send").start(() -> {
                try {
                    deliver.accept(item);
                }
                finally {
                    inFlight.release();
                }
            });
        }
        return claimed.size();
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
