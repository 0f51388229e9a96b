package org.onekeylogin.system;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows read once per transaction: a step that needs the same row in several places (the
 * account a sign-in is for, read again for the ID token's name) reads it from the
 * database the first time and from here after that, until the transaction ends. The owner
 * forgets a row when it writes it. Outside a transaction every read goes to the database.
 * Nothing is shared between transactions, threads or nodes.
 *
 * @param <K> the row's key
 * @param <V> the row
 */
public final class TransactionReads<K, V> {

    /**
     * Reads {@code key} through {@code load} once in the current transaction; an empty
     * answer is not remembered.
     */
    public Optional<V> read(K key, Function<K, Optional<V>> load) {
        Map<K, V> read = current();
        if (read == null) {
            return load.apply(key);
        }
        V known = read.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<V> loaded = load.apply(key);
        loaded.ifPresent(value -> read.put(key, value));
        return loaded;
    }

    /** Remembers a row the transaction read another way (by another key). */
    public void remember(K key, V value) {
        Map<K, V> read = current();
        if (read != null) {
            read.put(key, value);
        }
    }

    /** Forgets a row the transaction is about to write. */
    public void forget(K key) {
        Map<K, V> read = current();
        if (read != null) {
            read.remove(key);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Map<K, V> read = (Map<K, V>) TransactionSynchronizationManager.getResource(this);
        if (read == null) {
            Map<K, V> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionReads.this);
                }
            });
            read = created;
        }
        return read;
    }

}
