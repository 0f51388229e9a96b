package org.onekeylogin.approval.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.onekeylogin.push.BusMessage;
import org.onekeylogin.push.EventBus;
import org.springframework.stereotype.Component;

/**
 * Lets a client's long poll sleep until its request changes on any node, instead of
 * polling blindly. Waiting costs a virtual thread and a future. A waiter may also wake
 * without a change (the bus asked everyone to read again), so callers read the state
 * after each wake and wait again while it has not changed.
 */
@Component
public class LoginRequestWaiters {

    /** The bus signal keys of login requests: the request id after this prefix. */
    private static final String KEY_PREFIX = "login-request:";

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    private final EventBus bus;

    LoginRequestWaiters(EventBus bus) {
        this.bus = bus;
        bus.subscribe(message -> {
            if (message instanceof BusMessage.Signal(String key) && key.startsWith(KEY_PREFIX)) {
                CompletableFuture<Void> future = waiting.remove(key.substring(KEY_PREFIX.length()));
                if (future != null) {
                    future.complete(null);
                }
            }
            else if (message instanceof BusMessage.Resync) {
                // signals may have been missed: every waiter reads its request again
                waiting.keySet().forEach(id -> {
                    CompletableFuture<Void> future = waiting.remove(id);
                    if (future != null) {
                        future.complete(null);
                    }
                });
            }
        });
    }

    /**
     * Tells every node's waiters that the request changed (after the current transaction
     * commits).
     */
    public void wake(String requestId) {
        bus.publish(new BusMessage.Signal(KEY_PREFIX + requestId));
    }

    /**
     * A signal that completes when the request next changes; take it before reading the
     * state, then wait.
     */
    public CompletableFuture<Void> signal(String requestId) {
        return waiting.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** Waits for the signal for at most {@code timeout}. */
    public static void await(CompletableFuture<Void> signal, Duration timeout) {
        try {
            signal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException e) {
            // nothing changed in time: the caller reads the state again and answers
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
