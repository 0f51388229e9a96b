package org.onekeylogin.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The look-ups a sign-in makes of an account's sessions read through the index meant for
 * them, on H2 and on PostgreSQL, before the statistics of the sessions were ever gathered
 * and after, also for an account with thousands of active sessions: those on one device
 * through the index on device and account, the account's control terminals (its active
 * phones and tablets, read by every phone-approved sign-in) through an index of their own
 * (on PostgreSQL a partial index of the active small-screen sessions, on H2 the index on
 * account, end and screen).
 */
@ServiceTest
class SessionLookupPlanTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate batch;

    @Test
    void aBusyAccountsSessionsOnOneDeviceAreFoundThroughTheDeviceAndAccountIndex(TestAccounts accounts) {
        TestAccounts.Account busy = accounts.register("busy");
        TestAccounts.Device phone = accounts.signIn(busy, "phone", "Phone");
        addLargeScreenSessions(busy, 2000);

        for (boolean analysed : List.of(false, true)) {
            if (analysed) {
                analyse();
            }
            for (String lookup : List.of(
                    "SELECT id FROM device_session WHERE device_id = ? AND revoked_at IS NULL AND account_id = ?",
                    "SELECT id FROM device_session WHERE device_id = ? AND account_id = ? "
                            + "AND (revoke_reason IS NULL OR revoke_reason <> 'NOT_ME') FETCH FIRST 1 ROWS ONLY")) {
                String plan = plan(lookup, phone.deviceId(), busy.id());
                if (TestDatabase.isPostgres()) {
                    assertThat(plan).as("analysed: %s%n%s", analysed, plan)
                        .contains("device_session_device_account_idx");
                }
                else {
                    // H2 reads an index whose first column is the device (its own index
                    // of the foreign key, or ours): the device's few sessions, not the
                    // account's many
                    assertThat(plan.toLowerCase()).as("analysed: %s%n%s", analysed, plan)
                        .containsPattern("/\\* public\\.[a-z0-9_]+: device_id = \\?1");
                }
            }
        }
    }

    @Test
    void aBusyAccountsControlTerminalsAreFoundThroughTheirOwnIndex(TestAccounts accounts) {
        TestAccounts.Account busy = accounts.register("busy");
        accounts.signIn(busy, "phone", "Phone");
        addLargeScreenSessions(busy, 2000);

        for (boolean analysed : List.of(false, true)) {
            if (analysed) {
                analyse();
            }
            String plan = plan("SELECT s.id FROM device_session s JOIN device d ON d.id = s.device_id "
                    + "WHERE s.account_id = ? AND s.small_screen = TRUE AND s.revoked_at IS NULL", busy.id());
            if (TestDatabase.isPostgres()) {
                // the partial index holds the active small-screen sessions only
                assertThat(plan).as("analysed: %s%n%s", analysed, plan).contains("device_session_open_terminal_idx");
            }
            else {
                // the index condition H2 prints after the index's name holds all three
                String lowerCase = plan.toLowerCase();
                assertThat(lowerCase).as("analysed: %s%n%s", analysed, plan)
                    .contains("public.device_session_active_idx:");
                String condition = lowerCase.substring(lowerCase.indexOf("public.device_session_active_idx:"));
                assertThat(condition.substring(0, condition.indexOf("*/"))).as(plan)
                    .contains("account_id = ?1", "revoked_at is null", "small_screen = true");
            }
        }
    }

    /** Gathers the statistics of the sessions, as PostgreSQL's autovacuum or H2 would. */
    private void analyse() {
        jdbc.sql(TestDatabase.isPostgres() ? "ANALYZE device_session" : "ANALYZE TABLE device_session").update();
    }

    private String plan(String query, Object... params) {
        return String.join("\n", jdbc.sql("EXPLAIN " + query).params(params).query((rs, n) -> rs.getString(1)).list());
    }

    /**
     * Sessions of the account on TVs, each on its own device, all of them still active.
     */
    private void addLargeScreenSessions(TestAccounts.Account account, int count) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> devices = new ArrayList<>();
        List<Object[]> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String device = "load-device-" + UUID.randomUUID();
            devices.add(new Object[] { device, now, now });
            sessions.add(new Object[] { UUID.randomUUID().toString(), account.id(), device, now, now });
        }
        batch.batchUpdate("INSERT INTO device (id, device_type, name, first_seen_at, last_seen_at) "
                + "VALUES (?, 'tv', 'TV', ?, ?)", devices);
        batch.batchUpdate("INSERT INTO device_session (id, account_id, device_id, client_id, method, created_at, "
                + "last_seen_at) VALUES (?, ?, ?, 'onekey-device', 'password', ?, ?)", sessions);
    }

}
