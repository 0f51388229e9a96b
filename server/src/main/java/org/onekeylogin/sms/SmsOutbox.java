package org.onekeylogin.sms;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.onekeylogin.sms.internal.OutboxSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The outbox gateway: stores every message in {@code sms_outbox} and logs that one was
 * queued (masked number, no text). For development and tests, or for a relay process that
 * forwards the table to a provider, reading the texts through {@link #recentFor} and
 * {@link #latestFor}.
 *
 * <p>
 * The texts carry sign-in codes, so they are kept sealed ({@link OutboxSeal}) and only as
 * long as a code lives ({@code onekey.sms.code-ttl}): a message that has not left by then
 * carries a code that no longer works, and is deleted.
 */
public class SmsOutbox implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(SmsOutbox.class);

    private final JdbcClient jdbc;

    private final OutboxSeal seal;

    private final Clock clock;

    private final Duration keptFor;

    public SmsOutbox(JdbcClient jdbc, OutboxSeal seal, Clock clock, Duration keptFor) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.clock = clock;
        this.keptFor = keptFor;
    }

    @Override
    public void send(SmsMessage message) {
        jdbc.sql("INSERT INTO sms_outbox (phone_number, body, purpose, created_at) VALUES (?, ?, ?, ?)")
            .params(message.to(), seal.seal(message.text(), message.to(), message.purpose()), message.purpose(),
                    utc(clock.instant()))
            .update();
        log.info("SMS queued in the outbox for {} ({})", message.maskedTo(), message.purpose());
    }

    /**
     * The newest messages queued for a number, newest first, with when they were queued.
     */
    public List<Queued> recentFor(String phoneNumber, int limit) {
        return jdbc
            .sql("SELECT body, purpose, created_at FROM sms_outbox WHERE phone_number = ? "
                    + "ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY")
            .param(phoneNumber)
            .query((rs, n) -> new Queued(seal.open(rs.getString(1), phoneNumber, rs.getString(2)), rs.getString(2),
                    instant(rs, 3)))
            .list();
    }

    /** A message as queued. */
    public record Queued(String text, String purpose, java.time.Instant queuedAt) {
    }

    /** The newest message queued for a number. */
    public Optional<SmsMessage> latestFor(String phoneNumber) {
        return jdbc
            .sql("SELECT phone_number, body, purpose FROM sms_outbox WHERE phone_number = ? "
                    + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
            .param(phoneNumber)
            .query((rs, n) -> new SmsMessage(rs.getString(1),
                    seal.open(rs.getString(2), rs.getString(1), rs.getString(3)), rs.getString(3)))
            .optional();
    }

    /**
     * Deletes the messages queued longer ago than a code lives; returns how many. One
     * statement, so nodes sweeping at once delete each message once.
     */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "sms-outbox-cleanup", lockAtLeastFor = "PT50S")
    public int forgetExpired() {
        return jdbc.sql("DELETE FROM sms_outbox WHERE created_at < ?")
            .param(utc(clock.instant().minus(keptFor)))
            .update();
    }

}
