package org.onekeylogin.system;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Insert this row unless it exists", safe when two requests or two nodes race: the
 * unique key decides, and the loser is told so instead of failing. The insert runs under
 * a savepoint, because PostgreSQL refuses every later statement of a transaction in which
 * a statement failed; outside a transaction it runs in its own.
 */
@Component
public class InsertOnce {

    private final TransactionTemplate savepoint;

    public InsertOnce(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs {@code insert}; true when it created the row, false when the row's key already
     * existed.
     */
    public boolean insert(Runnable insert) {
        try {
            savepoint.executeWithoutResult(status -> insert.run());
            return true;
        }
        catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

}
