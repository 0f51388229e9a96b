package org.onekeylogin.network.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.network.AccountActivity;
import org.onekeylogin.system.InsertOnce;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Networks, their addresses, presence and per-account liveness. Every query is served by
 * a key or V10 index.
 */
@Repository
public class NetworkStore {

    /** A network as stored. */
    public record Env(String id, String security, Instant firstSeenAt, @Nullable String operatorClass) {
    }

    private final JdbcClient jdbc;

    private final InsertOnce inserts;

    public NetworkStore(JdbcClient jdbc, InsertOnce inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    public void upsertEnv(String id, String security, Instant now) {
        if (jdbc.sql("UPDATE network_env SET security = ?, last_seen_at = ? WHERE id = ?")
            .params(security, utc(now), id)
            .update() == 0) {
            insertIgnoringRace(
                    "INSERT INTO network_env (id, security, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)", id,
                    security, utc(now), utc(now));
        }
    }

    public Optional<Env> env(String id) {
        return jdbc.sql("SELECT id, security, first_seen_at, operator_class FROM network_env WHERE id = ?")
            .param(id)
            .query((rs, n) -> new Env(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4)))
            .optional();
    }

    public void markOperatorClass(String id, @Nullable String kind) {
        jdbc.sql("UPDATE network_env SET operator_class = ? WHERE id = ?").params(kind, id).update();
    }

    public void seenAddress(String networkId, String prefixHash, Instant now) {
        if (jdbc.sql("UPDATE network_address SET last_seen_at = ? WHERE network_id = ? AND prefix_hash = ?")
            .params(utc(now), networkId, prefixHash)
            .update() == 0) {
            insertIgnoringRace("INSERT INTO network_address (network_id, prefix_hash, last_seen_at) VALUES (?, ?, ?)",
                    networkId, prefixHash, utc(now));
        }
    }

    public boolean addressSeenSince(String networkId, String prefixHash, Instant since) {
        return jdbc
            .sql("SELECT COUNT(*) FROM network_address WHERE network_id = ? AND prefix_hash = ? "
                    + "AND last_seen_at >= ?")
            .params(networkId, prefixHash, utc(since))
            .query(Integer.class)
            .single() > 0;
    }

    /**
     * Whether the account was active in this network since then and was not suppressed
     * there after "that wasn't me" (primary key lookup).
     */
    public boolean accountActiveSince(String networkId, String accountId, Instant since) {
        return jdbc
            .sql("SELECT COUNT(*) FROM network_account WHERE network_id = ? AND account_id = ? "
                    + "AND last_active_at >= ? AND suppressed = FALSE")
            .params(networkId, accountId, utc(since))
            .query(Integer.class)
            .single() > 0;
    }

    public int accountsActiveSince(String networkId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM network_account WHERE network_id = ? AND last_active_at >= ?")
            .params(networkId, utc(since))
            .query(Integer.class)
            .single();
    }

    /**
     * Adds activity to an account's liveness in a network: {@code logWeight} is ln(w) +
     * t/tau; the new value is logaddexp(old, logWeight), computed by the database in the
     * same statement that writes it, so concurrent reports add up instead of overwriting
     * each other. One row written, whatever the history.
     */
    public void addActivity(String networkId, String accountId, double logWeight, int signIns, long activeSeconds,
            Instant now, Instant windowCutoff) {
        if (foldActivity(networkId, accountId, logWeight, signIns, activeSeconds, now, windowCutoff)) {
            return;
        }
        boolean created = inserts.insert(() -> jdbc
            .sql("INSERT INTO network_account (network_id, account_id, "
                    + "first_seen_at, last_active_at, log_liveness, window_start, window_sign_ins, window_active_s, "
                    + "picked, ignored, cancelled, suppressed) VALUES (:network, :account, :now, :now, :weight, :now, "
                    + ":signIns, :activeSeconds, 0, 0, 0, FALSE)")
            .param("network", networkId)
            .param("account", accountId)
            .param("now", utc(now))
            .param("weight", logWeight)
            .param("signIns", signIns)
            .param("activeSeconds", activeSeconds)
            .update());
        if (!created) {
            // another report created the row first: add this one to it
            foldActivity(networkId, accountId, logWeight, signIns, activeSeconds, now, windowCutoff);
        }
    }

    private boolean foldActivity(String networkId, String accountId, double logWeight, int signIns, long activeSeconds,
            Instant now, Instant windowCutoff) {
        return jdbc
            .sql("UPDATE network_account SET "
                    + "log_liveness = GREATEST(log_liveness, :weight) + LN(1 + EXP(-ABS(log_liveness - :weight))), "
                    + "last_active_at = :now, " + "window_sign_ins = CASE WHEN window_start < :cutoff THEN :signIns "
                    + "ELSE window_sign_ins + :signIns END, "
                    + "window_active_s = CASE WHEN window_start < :cutoff THEN :activeSeconds "
                    + "ELSE window_active_s + :activeSeconds END, "
                    + "window_start = CASE WHEN window_start < :cutoff THEN :now ELSE window_start END "
                    + "WHERE network_id = :network AND account_id = :account")
            .param("weight", logWeight)
            .param("now", utc(now))
            .param("cutoff", utc(windowCutoff))
            .param("signIns", signIns)
            .param("activeSeconds", activeSeconds)
            .param("network", networkId)
            .param("account", accountId)
            .update() == 1;
    }

    /**
     * The most live accounts of a network (index range scan on (network_id,
     * log_liveness)).
     */
    public List<AccountActivity> mostLive(String networkId, int limit) {
        return jdbc
            .sql("SELECT account_id, log_liveness, last_active_at, window_sign_ins, window_active_s, picked, "
                    + "ignored, cancelled, suppressed FROM network_account WHERE network_id = ? "
                    + "ORDER BY log_liveness DESC FETCH FIRST " + limit + " ROWS ONLY")
            .param(networkId)
            .query((rs, n) -> new AccountActivity(rs.getString(1), rs.getDouble(2), instant(rs, 3), rs.getInt(4),
                    rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getBoolean(9)))
            .list();
    }

    public void outcome(String networkId, String accountId, String column) {
        if (!List.of("picked", "ignored", "cancelled").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("UPDATE network_account SET " + column + " = " + column
                + " + 1 WHERE network_id = ? AND account_id = ?")
            .params(networkId, accountId)
            .update();
    }

    public void suppress(String networkId, String accountId, boolean suppressed) {
        jdbc.sql("UPDATE network_account SET suppressed = ? WHERE network_id = ? AND account_id = ?")
            .params(suppressed, networkId, accountId)
            .update();
    }

    public void presence(String deviceId, String networkId, @Nullable String accountId, boolean smallScreen,
            Instant now) {
        if (jdbc
            .sql("UPDATE device_presence SET network_id = ?, account_id = ?, small_screen = ?, reported_at = ? "
                    + "WHERE device_id = ?")
            .params(networkId, accountId, smallScreen, utc(now), deviceId)
            .update() == 0) {
            insertIgnoringRace(
                    "INSERT INTO device_presence (device_id, network_id, account_id, small_screen, "
                            + "reported_at) VALUES (?, ?, ?, ?, ?)",
                    deviceId, networkId, accountId, smallScreen, utc(now));
        }
    }

    /** When this device last reported from this network, if it did. */
    public Optional<Instant> lastReport(String deviceId, String networkId) {
        return jdbc.sql("SELECT reported_at FROM device_presence WHERE device_id = ? AND network_id = ?")
            .params(deviceId, networkId)
            .query((rs, n) -> instant(rs, 1))
            .optional();
    }

    /**
     * Accounts with a small-screen device reporting from this network since
     * {@code since}.
     */
    public List<String> presentSmallScreenAccounts(String networkId, Instant since) {
        return jdbc
            .sql("SELECT DISTINCT account_id FROM device_presence WHERE network_id = ? AND reported_at >= ? "
                    + "AND small_screen = TRUE AND account_id IS NOT NULL")
            .params(networkId, utc(since))
            .query(String.class)
            .list();
    }

    /**
     * Inserts a row that another request may be creating at the same moment; the first
     * one wins.
     */
    private void insertIgnoringRace(String sql, Object... params) {
        inserts.insert(() -> jdbc.sql(sql).params(params).update());
    }

}
