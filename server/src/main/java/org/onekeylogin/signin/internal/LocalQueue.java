package org.onekeylogin.signin.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Lines up, on this node, the password attempts on one account before they take its
 * database row lock: a flood on one account then waits here, holding no database
 * connection, instead of filling the pool with transactions that wait for the lock and
 * starving every other request. The row lock still decides across nodes; this only keeps
 * the waiting out of the pool. Accounts share one of a fixed number of fair locks.
 */
@Component
public class LocalQueue {

    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public LocalQueue() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} when no other attempt on a key of the same stripe runs here. */
    public <T> T inTurn(String key, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        }
        finally {
            lock.unlock();
        }
    }

}
