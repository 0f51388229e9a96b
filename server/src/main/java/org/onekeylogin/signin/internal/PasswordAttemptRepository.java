package org.onekeylogin.signin.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recorded password attempts of one account (or typed name): those whose password was
 * wrong, and those still being checked. Each count reads at most as many rows as its
 * limit, newest first, from an index on the account and the requester.
 */
@Repository
public class PasswordAttemptRepository {

    private final JdbcClient jdbc;

    public PasswordAttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String accountKey, String deviceId, @Nullable String ipAddress, Instant at) {
        jdbc.sql("INSERT INTO password_attempt (id, account_key, device_id, ip_address, attempted_at) "
                + "VALUES (?, ?, ?, ?, ?)")
            .params(id, accountKey, deviceId, ipAddress, utc(at))
            .update();
    }

    /** The password was right: the attempt is no failure. */
    public void delete(String id) {
        jdbc.sql("DELETE FROM password_attempt WHERE id = ?").param(id).update();
    }

    /** Forgets the account's attempts that left the window. */
    public void deleteBefore(String accountKey, Instant before) {
        jdbc.sql("DELETE FROM password_attempt WHERE account_key = ? AND attempted_at < ?")
            .params(accountKey, utc(before))
            .update();
    }

    /** Forgets every attempt that left the window, whichever account it was for. */
    public int deleteAllBefore(Instant before) {
        return jdbc.sql("DELETE FROM password_attempt WHERE attempted_at < ?").param(utc(before)).update();
    }

    /**
     * The newest attempts of this device since {@code since}, at most {@code limit},
     * oldest first.
     */
    public List<Instant> newestFromDevice(String accountKey, String deviceId, Instant since, int limit) {
        return newest("account_key = ? AND device_id = ?", since, limit, accountKey, deviceId);
    }

    /**
     * The newest attempts from this address since {@code since}, at most {@code limit},
     * oldest first.
     */
    public List<Instant> newestFromAddress(String accountKey, String ipAddress, Instant since, int limit) {
        return newest("account_key = ? AND ip_address = ?", since, limit, accountKey, ipAddress);
    }

    /**
     * The account's newest attempts since {@code since}, at most {@code limit}, oldest
     * first.
     */
    public List<Instant> newestForAccount(String accountKey, Instant since, int limit) {
        return newest("account_key = ?", since, limit, accountKey);
    }

    private List<Instant> newest(String where, Instant since, int limit, Object... keys) {
        Object[] params = new Object[keys.length + 1];
        System.arraycopy(keys, 0, params, 0, keys.length);
        params[keys.length] = utc(since);
        List<Instant> newestFirst = jdbc
            .sql("SELECT attempted_at FROM password_attempt WHERE " + where + " AND attempted_at >= ? "
                    + "ORDER BY attempted_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
            .params(params)
            .query((rs, row) -> instant(rs, 1))
            .list();
        return newestFirst.reversed();
    }

}
