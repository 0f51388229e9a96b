package org.onekeylogin.sms;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox gateway: stores every message in {@code sms_outbox} and logs that one was
 * queued (masked number, no text). For development and tests, or for a relay process that
 * forwards the table to a provider.
 */
public class SmsOutbox implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(SmsOutbox.class);

    private final JdbcClient jdbc;

    private final Clock clock;

    public SmsOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void send(SmsMessage message) {
        jdbc.sql("INSERT INTO sms_outbox (phone_number, body, purpose, created_at) VALUES (?, ?, ?, ?)")
            .params(message.to(), message.text(), message.purpose(), utc(clock.instant()))
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
            .query((rs, n) -> new Queued(rs.getString(1), rs.getString(2), instant(rs, 3)))
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
            .query((rs, n) -> new SmsMessage(rs.getString(1), rs.getString(2), rs.getString(3)))
            .optional();
    }

}
