package org.onekeylogin.token.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hashes the tokens that a version of the service before {@link TokenHashes} stored in
 * plain text, once, at start-up and before the service answers requests, so that the
 * devices signed in before the upgrade stay signed in. A migration cannot do it: the key
 * lives in the database and SQL has no portable HMAC.
 *
 * <p>
 * Each value is replaced by one conditional update ({@code WHERE id = ? AND column = }
 * the plain value) together with its lookup row, in one transaction per row, so a stop
 * half-way never leaves a token that cannot be found; nodes that start together do not
 * undo each other's work or a refresh that happened meanwhile; a stored hash is never
 * hashed again, so running it on an upgraded database finds nothing to do. Once a run
 * found nothing left, the row {@value #TASK} in {@code one_time_task} says so, and later
 * starts skip the scan.
 */
public final class PlainTokenUpgrade implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(PlainTokenUpgrade.class);

    private static final int BATCH = 500;

    static final String TASK = "hash-plain-tokens";

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final Map<String, UnaryOperator<String>> columns = new LinkedHashMap<>();

    public PlainTokenUpgrade(JdbcClient jdbc, TokenHashes hashes, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        columns.put("authorization_code_value", hashes::stored);
        columns.put("access_token_value", hashes::stored);
        columns.put("oidc_id_token_value", hashes::stored);
        columns.put("refresh_token_value", hashes::stored);
        columns.put("user_code_value", hashes::storedUserCode);
        columns.put("device_code_value", hashes::stored);
    }

    /** Runs once the beans exist, before the web server takes requests. */
    @Override
    public void afterSingletonsInstantiated() {
        upgradeOnce();
    }

    /**
     * Hashes what is left unless a start before found nothing left; true if it ran. The
     * marker is written only after a full run, so a start that stops half-way leaves the
     * rest to the next one.
     */
    public boolean upgradeOnce() {
        if (done()) {
            return false;
        }
        hashPlainTokens();
        try {
            jdbc.sql("INSERT INTO one_time_task (name, done_at) VALUES (?, CURRENT_TIMESTAMP)").param(TASK).update();
        }
        catch (DuplicateKeyException anotherNodeFinishedToo) {
            // a node starting at the same time wrote it first
        }
        return true;
    }

    private boolean done() {
        return jdbc.sql("SELECT COUNT(*) FROM one_time_task WHERE name = ?")
            .param(TASK)
            .query(Integer.class)
            .single() > 0;
    }

    /** Hashes every plain token left in the store; returns how many values it hashed. */
    public int hashPlainTokens() {
        String plainFilter = String.join(" OR ", columns.keySet()
            .stream()
            .map(column -> "(" + column + " IS NOT NULL AND " + column + " NOT LIKE '" + TokenHashes.MARK + "%')")
            .toList());
        int hashed = 0;
        int changed;
        do {
            // the column maps are case-insensitive, as H2 and PostgreSQL spell names
            // differently
            List<Map<String, Object>> rows = jdbc
                .sql("SELECT id, " + String.join(", ", columns.keySet()) + " FROM oauth2_authorization WHERE "
                        + plainFilter + " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY")
                .query()
                .listOfRows();
            changed = 0;
            for (Map<String, Object> row : rows) {
                Integer hashedInRow = transaction.execute(status -> hashRow(row));
                changed += hashedInRow == null ? 0 : hashedInRow;
            }
            hashed += changed;
        }
        while (changed > 0);
        if (hashed > 0) {
            log.info("Replaced {} tokens kept in plain text by their hashes", hashed);
        }
        return hashed;
    }

    private int hashRow(Map<String, Object> row) {
        int changed = 0;
        for (Map.Entry<String, UnaryOperator<String>> column : columns.entrySet()) {
            if (row.get(column.getKey()) instanceof String plain && !TokenHashes.isStoredHash(plain)) {
                String hash = column.getValue().apply(plain);
                int updated = jdbc
                    .sql("UPDATE oauth2_authorization SET " + column.getKey() + " = ? WHERE id = ? AND "
                            + column.getKey() + " = ?")
                    .params(hash, row.get("id"), plain)
                    .update();
                if (updated > 0) {
                    // the token is found by its lookup row (JdbcAuthorizations), which
                    // held the plain value
                    jdbc.sql("UPDATE oauth2_authorization_lookup SET stored_value = ? "
                            + "WHERE stored_value = ? AND authorization_id = ?")
                        .params(hash, plain, row.get("id"))
                        .update();
                }
                changed += updated;
            }
        }
        return changed;
    }

}
