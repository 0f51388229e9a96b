package org.onekeylogin.push.platform;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.DeliveryQueueTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code push_delivery}: the platform pushes waiting to be sent. Every node may send; a
 * conditional UPDATE decides which node sends a row, so each push leaves once per attempt
 * whatever the number of nodes.
 */
@Repository
class PushDeliveries {

    private final JdbcClient jdbc;

    private final DeliveryQueueTable<Delivery> queue;

    PushDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = new DeliveryQueueTable<>(jdbc, "push_delivery",
                "id, session_id, platform, token, event_id, event_type, urgent, collapse_key, expires_at, attempts",
                (rs, n) -> new Delivery(rs.getLong(1), rs.getString(2),
                        new PushAddress(PushPlatform.fromWire(rs.getString(3)), rs.getString(4)), rs.getLong(5),
                        rs.getString(6), rs.getBoolean(7), rs.getString(8), instant(rs, 9), rs.getInt(10) + 1),
                Delivery::id, Delivery::attempt);
    }

    /**
     * Queues a push for the session if it has a registration on one of {@code platforms};
     * one statement, in the caller's transaction. Returns how many were queued (0 or 1).
     */
    int queueFor(String sessionId, long eventId, String eventType, boolean urgent, @Nullable String collapseKey,
            Instant expiresAt, Instant now, Collection<PushPlatform> platforms) {
        if (platforms.isEmpty()) {
            return 0;
        }
        String in = String.join(", ", platforms.stream().map(p -> "'" + p.wireName() + "'").toList());
        return jdbc
            .sql("INSERT INTO push_delivery (session_id, platform, token, event_id, event_type, urgent, collapse_key, "
                    + "expires_at, attempts, next_attempt_at, claimed_until, created_at) "
                    + "SELECT session_id, platform, token, ?, ?, ?, ?, ?, 0, ?, ?, ? FROM push_registration "
                    + "WHERE session_id = ? AND platform IN (" + in + ")")
            .params(eventId, eventType, urgent, collapseKey, utc(expiresAt), utc(now),
                    utc(DeliveryQueueTable.NOT_CLAIMED), utc(now), sessionId)
            .update();
    }

    /**
     * Claims up to {@code limit} pushes that are due and not claimed by a node now, for
     * {@code claimUntil}; a node that stops while sending leaves its claims to expire,
     * and another node sends them then.
     */
    List<Delivery> claimDue(Instant now, Instant claimUntil, int limit) {
        return queue.claimDue(now, claimUntil, limit);
    }

    /** The push is done with: sent, refused for good, or given up. */
    void forget(long id) {
        queue.forget(id);
    }

    /** Releases the claim and sends the push again at {@code at}. */
    void retryAt(long id, Instant at) {
        queue.retryAt(id, at);
    }

    /** How many pushes wait, claimed or not. */
    int waiting() {
        return queue.waiting();
    }

}
