package org.onekeylogin.push.platform;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code push_delivery}: the platform pushes waiting to be sent. Every node may send; a
 * conditional UPDATE decides which node sends a row, so each push leaves once per attempt
 * whatever the number of nodes.
 */
@Repository
class PushDeliveries {

    private static final Instant NOT_CLAIMED = Instant.EPOCH;

    private final JdbcClient jdbc;

    PushDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
            .params(eventId, eventType, urgent, collapseKey, utc(expiresAt), utc(now), utc(NOT_CLAIMED), utc(now),
                    sessionId)
            .update();
    }

    /**
     * Claims up to {@code limit} pushes that are due and not claimed by a node now, for
     * {@code claimUntil}; a node that stops while sending leaves its claims to expire,
     * and another node sends them then. Each row is claimed by its own conditional UPDATE
     * on its attempt count, so two nodes never claim the same attempt.
     */
    List<Delivery> claimDue(Instant now, Instant claimUntil, int limit) {
        List<Delivery> candidates = jdbc
            .sql("SELECT id, session_id, platform, token, event_id, event_type, urgent, collapse_key, expires_at, "
                    + "attempts FROM push_delivery WHERE next_attempt_at <= ? AND claimed_until <= ? "
                    + "ORDER BY next_attempt_at FETCH FIRST " + limit + " ROWS ONLY")
            .params(utc(now), utc(now))
            .query((rs, n) -> new Delivery(rs.getLong(1), rs.getString(2),
                    new PushAddress(PushPlatform.fromWire(rs.getString(3)), rs.getString(4)), rs.getLong(5),
                    rs.getString(6), rs.getBoolean(7), rs.getString(8), instant(rs, 9), rs.getInt(10) + 1))
            .list();
        List<Delivery> claimed = new ArrayList<>(candidates.size());
        for (Delivery candidate : candidates) {
            int won = jdbc
                .sql("UPDATE push_delivery SET claimed_until = ?, attempts = ? "
                        + "WHERE id = ? AND attempts = ? AND claimed_until <= ?")
                .params(utc(claimUntil), candidate.attempt(), candidate.id(), candidate.attempt() - 1, utc(now))
                .update();
            if (won == 1) {
                claimed.add(candidate);
            }
        }
        return claimed;
    }

    /** The push is done with: sent, refused for good, or given up. */
    void forget(long id) {
        jdbc.sql("DELETE FROM push_delivery WHERE id = ?").param(id).update();
    }

    /** Releases the claim and sends the push again at {@code at}. */
    void retryAt(long id, Instant at) {
        jdbc.sql("UPDATE push_delivery SET next_attempt_at = ?, claimed_until = ? WHERE id = ?")
            .params(utc(at), utc(NOT_CLAIMED), id)
            .update();
    }

    /** How many pushes wait, claimed or not. */
    int waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM push_delivery").query(Integer.class).single();
    }

}
