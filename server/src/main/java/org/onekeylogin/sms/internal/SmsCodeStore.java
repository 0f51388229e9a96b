package org.onekeylogin.sms.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.instantOrNull;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SMS codes (hashed) and the counts the limits need; every query uses one of the V9
 * indexes.
 */
@Repository
public class SmsCodeStore {

    /** A code as stored. */
    public record StoredCode(String id, String codeHash, int attempts, Instant createdAt, Instant expiresAt,
            @Nullable Instant consumedAt) {
    }

    private final JdbcClient jdbc;

    public SmsCodeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String phone, String codeHash, String deviceId, @Nullable String ip, Instant now,
            Instant expiresAt) {
        jdbc.sql("INSERT INTO sms_code (id, phone_number, code_hash, device_id, ip_address, attempts, created_at, "
                + "expires_at) VALUES (:id, :phone, :codeHash, :device, :ip, 0, :now, :expiresAt)")
            .param("id", id)
            .param("phone", phone)
            .param("codeHash", codeHash)
            .param("device", deviceId)
            .param("ip", ip)
            .param("now", utc(now))
            .param("expiresAt", utc(expiresAt))
            .update();
    }

    /** Creation times of the codes for a number since {@code since}, newest first. */
    public List<Instant> createdForNumberSince(String phone, Instant since) {
        return jdbc
            .sql("SELECT created_at FROM sms_code WHERE phone_number = ? AND created_at >= ? "
                    + "ORDER BY created_at DESC")
            .params(phone, utc(since))
            .query((rs, n) -> instant(rs, 1))
            .list();
    }

    /**
     * Creation times of the codes requested from an address since {@code since}, newest
     * first.
     */
    public List<Instant> createdForIpSince(String ip, Instant since) {
        return jdbc
            .sql("SELECT created_at FROM sms_code WHERE ip_address = ? AND created_at >= ? "
                    + "ORDER BY created_at DESC")
            .params(ip, utc(since))
            .query((rs, n) -> instant(rs, 1))
            .list();
    }

    /** The newest code for a number. */
    public Optional<StoredCode> latest(String phone) {
        return jdbc
            .sql("SELECT id, code_hash, attempts, created_at, expires_at, consumed_at FROM sms_code "
                    + "WHERE phone_number = ? ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY")
            .param(phone)
            .query((rs, n) -> new StoredCode(rs.getString("id"), rs.getString("code_hash"), rs.getInt("attempts"),
                    instant(rs, "created_at"), instant(rs, "expires_at"), instantOrNull(rs, "consumed_at")))
            .optional();
    }

    /**
     * Takes one of the code's attempts: false when all {@code max} are used or the code
     * was used. The condition is part of the update, so concurrent guesses cannot take
     * more than {@code max} between them.
     */
    public boolean takeAttempt(String id, int max) {
        return jdbc
            .sql("UPDATE sms_code SET attempts = attempts + 1 WHERE id = ? AND attempts < ? "
                    + "AND consumed_at IS NULL")
            .params(id, max)
            .update() == 1;
    }

    /** The attempts taken so far. */
    public int attempts(String id) {
        return jdbc.sql("SELECT attempts FROM sms_code WHERE id = ?").param(id).query(Integer.class).single();
    }

    /** Uses a code once; false when it was already used (the first use wins). */
    public boolean consume(String id, Instant now) {
        return jdbc.sql("UPDATE sms_code SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL")
            .params(utc(now), id)
            .update() == 1;
    }

}
