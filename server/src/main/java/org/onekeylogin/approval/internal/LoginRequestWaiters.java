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
 * Lets a client's long poll sleep until its request changes on any node, instead of polling blindly. Waiting costs
 * a virtual thread and a future.
 */
@Component
public class LoginRequestWaiters {

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    LoginRequestWaiters(EventBus bus) {
        bus.subscribe(message -> {
            if (message instanceof BusMessage.LoginRequestChanged(String requestId)) {
                CompletableFuture<Void> future = waiting.remove(requestId);
                if (future != null) {
                    future.complete(null);
                }
            }
        });
    }

    /** A signal that completes when the request next changes; take it before reading the state, then wait. */
    public CompletableFuture<Void> signal(String requestId) {
        return waiting.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** Waits for the signal for at most {@code timeout}. */
    public static void await(CompletableFuture<Void> signal, Duration timeout) {
        try {
            signal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // nothing changed in time: the caller reads the state again and answers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
