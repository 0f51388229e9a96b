package org.onekeylogin.system;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table side of a {@link DeliveryLoop}: rows with {@code id}, {@code attempts},
 * {@code next_attempt_at} and {@code claimed_until}. A node claims a row by a conditional
 * UPDATE on its attempt count, so each attempt is made by one node whatever their number;
 * a claim that runs out (its node stopped) is taken again as the next attempt.
 *
 * @param <T> one claimed row, which knows its id and its attempt (counting from 1)
 */
public final class DeliveryQueueTable<T> {

    /** {@code claimed_until} of a row no node holds. */
    public static final Instant NOT_CLAIMED = Instant.EPOCH;

    private final JdbcClient jdbc;

    private final String table;

    private final String columns;

    private final RowMapper<T> rows;

    private final ToLongFunction<T> id;

    private final ToIntFunction<T> attempt;

    /**
     * @param columns the columns {@code rows} reads, {@code attempts} among them
     * @param rows maps a row, with its attempt one more than the stored {@code attempts}
     */
    public DeliveryQueueTable(JdbcClient jdbc, String table, String columns, RowMapper<T> rows, ToLongFunction<T> id,
            ToIntFunction<T> attempt) {
        this.jdbc = jdbc;
        this.table = table;
        this.columns = columns;
        this.rows = rows;
        this.id = id;
        this.attempt = attempt;
    }

    /**
     * Claims up to {@code limit} rows due at {@code now} and not claimed by a node now,
     * for {@code claimUntil}, each by its own conditional UPDATE on its attempt count.
     */
    public List<T> claimDue(Instant now, Instant claimUntil, int limit) {
        List<T> candidates = jdbc
            .sql("SELECT " + columns + " FROM " + table + " WHERE next_attempt_at <= ? AND claimed_until <= ? "
                    + "ORDER BY next_attempt_at FETCH FIRST " + limit + " ROWS ONLY")
            .params(utc(now), utc(now))
            .query(rows)
            .list();
        List<T> claimed = new ArrayList<>(candidates.size());
        for (T candidate : candidates) {
            int next = attempt.applyAsInt(candidate);
            int won = jdbc
                .sql("UPDATE " + table + " SET claimed_until = ?, attempts = ? "
                        + "WHERE id = ? AND attempts = ? AND claimed_until <= ?")
                .params(utc(claimUntil), next, id.applyAsLong(candidate), next - 1, utc(now))
                .update();
            if (won == 1) {
                claimed.add(candidate);
            }
        }
        return claimed;
    }

    /** The row is done with: delivered, refused for good, or given up. */
    public void forget(long rowId) {
        jdbc.sql("DELETE FROM " + table + " WHERE id = ?").param(rowId).update();
    }

    /** Releases the claim; the row is due again at {@code at}. */
    public void retryAt(long rowId, Instant at) {
        jdbc.sql("UPDATE " + table + " SET next_attempt_at = ?, claimed_until = ? WHERE id = ?")
            .params(utc(at), utc(NOT_CLAIMED), rowId)
            .update();
    }

    /** How many rows wait, claimed or not. */
    public int waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

}
