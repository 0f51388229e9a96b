package org.onekeylogin.token.logout;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code backchannel_logout}: the logouts waiting to be sent. Every node may send; a
 * conditional UPDATE on the attempt count decides which node sends an attempt, so each
 * attempt leaves once whatever the number of nodes.
 */
@Repository
class LogoutDeliveries {

    private static final Instant NOT_CLAIMED = Instant.EPOCH;

    private final JdbcClient jdbc;

    LogoutDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a logout, in the caller's transaction (the one that ended the session). */
    void queue(String clientId, String sessionId, String subject, String issuer, String jti, Instant now) {
        jdbc.sql("INSERT INTO backchannel_logout (client_id, session_id, subject, issuer, jti, attempts, "
                + "next_attempt_at, claimed_until, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)")
            .params(clientId, sessionId, subject, issuer, jti, utc(now), utc(NOT_CLAIMED), utc(now))
            .update();
    }

    /**
     * Claims up to {@code limit} logouts that are due and not claimed by a node now, for
     * {@code claimUntil}, each by its own conditional UPDATE on its attempt count.
     */
    List<LogoutDelivery> claimDue(Instant now, Instant claimUntil, int limit) {
        List<LogoutDelivery> candidates = jdbc
            .sql("SELECT id, client_id, session_id, subject, issuer, jti, attempts FROM backchannel_logout "
                    + "WHERE next_attempt_at <= ? AND claimed_until <= ? ORDER BY next_attempt_at FETCH FIRST " + limit
                    + " ROWS ONLY")
            .params(utc(now), utc(now))
            .query((rs, n) -> new LogoutDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getInt(7) + 1))
            .list();
        List<LogoutDelivery> claimed = new ArrayList<>(candidates.size());
        for (LogoutDelivery candidate : candidates) {
            int won = jdbc
                .sql("UPDATE backchannel_logout SET claimed_until = ?, attempts = ? "
                        + "WHERE id = ? AND attempts = ? AND claimed_until <= ?")
                .params(utc(claimUntil), candidate.attempt(), candidate.id(), candidate.attempt() - 1, utc(now))
                .update();
            if (won == 1) {
                claimed.add(candidate);
            }
        }
        return claimed;
    }

    /** The logout is done with: delivered, refused, or given up. */
    void forget(long id) {
        jdbc.sql("DELETE FROM backchannel_logout WHERE id = ?").param(id).update();
    }

    /** Releases the claim and sends the logout again at {@code at}. */
    void retryAt(long id, Instant at) {
        jdbc.sql("UPDATE backchannel_logout SET next_attempt_at = ?, claimed_until = ? WHERE id = ?")
            .params(utc(at), utc(NOT_CLAIMED), id)
            .update();
    }

    /** How many logouts wait, claimed or not. */
    int waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM backchannel_logout").query(Integer.class).single();
    }

}
