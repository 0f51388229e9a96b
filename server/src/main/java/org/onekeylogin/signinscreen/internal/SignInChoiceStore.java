package org.onekeylogin.signinscreen.internal;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Handles offered on sign-in screens. */
@Repository
public class SignInChoiceStore {

    private final JdbcClient jdbc;

    public SignInChoiceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A redeemed handle: whose account, offered why, in which network. */
    public record Choice(String accountId, String source, @org.jspecify.annotations.Nullable String networkId) {
    }

    public void offer(String handleHash, String deviceId, String accountId, String source,
            @org.jspecify.annotations.Nullable String networkId, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO sign_in_choice (handle_hash, device_id, account_id, source, network_id, created_at, "
                + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .params(handleHash, deviceId, accountId, source, networkId, utc(now), utc(expiresAt))
            .update();
    }

    /**
     * Uses a handle once: returns its account if the handle was offered to this device,
     * is unexpired and unused. The update is the check, so two concurrent picks cannot
     * both succeed.
     */
    public Optional<Choice> redeem(String handleHash, String deviceId, Instant now) {
        int used = jdbc
            .sql("UPDATE sign_in_choice SET used_at = ? WHERE handle_hash = ? AND device_id = ? "
                    + "AND used_at IS NULL AND expires_at > ?")
            .params(utc(now), handleHash, deviceId, utc(now))
            .update();
        if (used == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT account_id, source, network_id FROM sign_in_choice WHERE handle_hash = ?")
            .param(handleHash)
            .query((rs, n) -> new Choice(rs.getString(1), rs.getString(2), rs.getString(3)))
            .optional();
    }

    /** A recommended account shown to a device in a network and not picked. */
    public record Passed(String networkId, String accountId) {
    }

    /**
     * Closes the recommendations still open on this device (shown, unexpired, unused) and
     * returns them once per (network, account): the device signed in without picking
     * them.
     */
    public List<Passed> closeOpenRecommendations(String deviceId, Instant now) {
        List<Passed> open = jdbc
            .sql("SELECT DISTINCT network_id, account_id FROM sign_in_choice WHERE device_id = ? "
                    + "AND used_at IS NULL AND expires_at > ? AND source = 'recommendation' "
                    + "AND network_id IS NOT NULL")
            .params(deviceId, utc(now))
            .query((rs, n) -> new Passed(rs.getString(1), rs.getString(2)))
            .list();
        if (!open.isEmpty()) {
            jdbc.sql("UPDATE sign_in_choice SET used_at = ? WHERE device_id = ? AND used_at IS NULL "
                    + "AND source = 'recommendation'")
                .params(utc(now), deviceId)
                .update();
        }
        return open;
    }

    public int deleteExpired(Instant before) {
        return jdbc.sql("DELETE FROM sign_in_choice WHERE expires_at < ?").param(utc(before)).update();
    }

}
