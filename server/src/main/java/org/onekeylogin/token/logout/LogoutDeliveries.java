package org.onekeylogin.token.logout;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import org.onekeylogin.system.DeliveryQueueTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code backchannel_logout}: the logouts waiting to be sent. Every node may send; a
 * conditional UPDATE on the attempt count decides which node sends an attempt, so each
 * attempt leaves once whatever the number of nodes.
 */
@Repository
class LogoutDeliveries {

    private final JdbcClient jdbc;

    private final DeliveryQueueTable<LogoutDelivery> queue;

    LogoutDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = new DeliveryQueueTable<>(jdbc, "backchannel_logout",
                "id, client_id, session_id, subject, issuer, jti, attempts",
                (rs, n) -> new LogoutDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7) + 1),
                LogoutDelivery::id, LogoutDelivery::attempt);
    }

    /** Queues a logout, in the caller's transaction (the one that ended the session). */
    void queue(String clientId, String sessionId, String subject, String issuer, String jti, Instant now) {
        jdbc.sql("INSERT INTO backchannel_logout (client_id, session_id, subject, issuer, jti, attempts, "
                + "next_attempt_at, claimed_until, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)")
            .params(clientId, sessionId, subject, issuer, jti, utc(now), utc(DeliveryQueueTable.NOT_CLAIMED), utc(now))
            .update();
    }

    /**
     * Claims up to {@code limit} logouts that are due and not claimed by a node now, for
     * {@code claimUntil}, each by its own conditional UPDATE on its attempt count.
     */
    List<LogoutDelivery> claimDue(Instant now, Instant claimUntil, int limit) {
        return queue.claimDue(now, claimUntil, limit);
    }

    /** The logout is done with: delivered, refused, or given up. */
    void forget(long id) {
        queue.forget(id);
    }

    /** Releases the claim and sends the logout again at {@code at}. */
    void retryAt(long id, Instant at) {
        queue.retryAt(id, at);
    }

    /** How many logouts wait, claimed or not. */
    int waiting() {
        return queue.waiting();
    }

}
