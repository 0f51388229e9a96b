package org.onekeylogin.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises the requests that check and then use a limit for the same thing (a phone
 * number, an address), on every node: the lock is a database row lock, taken with
 * {@code SELECT ... FOR UPDATE} and held until the caller's transaction ends. Checking a
 * count and recording the new attempt under it is then one step that cannot be raced.
 */
@Component
public class RequestLocks {

    private final JdbcClient jdbc;

    private final InsertOnce inserts;

    public RequestLocks(JdbcClient jdbc, InsertOnce inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    /**
     * Waits until no other transaction holds {@code (scope, key)} and holds it until this
     * transaction ends.
     */
    public void lock(String scope, String key) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A request lock is held until its transaction ends; start one first");
        }
        // the row exists for every key used before, so one statement takes the lock; a
        // new key's row is created once, by whichever request gets there first
        if (lockRow(scope, key)) {
            return;
        }
        inserts.insert(
                () -> jdbc.sql("INSERT INTO request_lock (scope, lock_key) VALUES (?, ?)").params(scope, key).update());
        if (!lockRow(scope, key)) {
            throw new IllegalStateException("The request lock row " + scope + " was not created");
        }
    }

    private boolean lockRow(String scope, String key) {
        return jdbc.sql("SELECT lock_key FROM request_lock WHERE scope = ? AND lock_key = ? FOR UPDATE")
            .params(scope, key)
            .query(String.class)
            .optional()
            .isPresent();
    }

}
