package org.onekeylogin.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The look-ups a sign-in makes of an account's sessions on one device read through the
 * index on device and account, on H2 and on a PostgreSQL schema whose statistics may
 * never have been gathered, also for an account with thousands of sessions on other
 * devices.
 */
@ServiceTest
class SessionLookupPlanTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBusyAccountsSessionsOnOneDeviceAreFoundThroughTheDeviceAndAccountIndex(TestAccounts accounts) {
        TestAccounts.Account busy = accounts.register("busy");
        TestAccounts.Device phone = accounts.signIn(busy, "phone", "Phone");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 2000; i++) {
            String device = "load-device-" + UUID.randomUUID();
            jdbc.sql(
                    "INSERT INTO device (id, device_type, name, first_seen_at, last_seen_at) VALUES (?, 'tv', 'TV', ?, ?)")
                .params(device, now, now)
                .update();
            jdbc.sql("INSERT INTO device_session (id, account_id, device_id, client_id, method, created_at, "
                    + "last_seen_at) VALUES (?, ?, ?, 'onekey-device', 'password', ?, ?)")
                .params(UUID.randomUUID().toString(), busy.id(), device, now, now)
                .update();
        }

        for (String lookup : List.of(
                "SELECT id FROM device_session WHERE device_id = ? AND revoked_at IS NULL AND account_id = ?",
                "SELECT id FROM device_session WHERE device_id = ? AND account_id = ? "
                        + "AND (revoke_reason IS NULL OR revoke_reason <> 'NOT_ME') FETCH FIRST 1 ROWS ONLY")) {
            String plan = String.join("\n",
                    jdbc.sql("EXPLAIN " + lookup)
                        .params(phone.deviceId(), busy.id())
                        .query((rs, n) -> rs.getString(1))
                        .list());
            assertThat(plan.toLowerCase()).as(TestDatabase.isPostgres() ? "PostgreSQL: " + plan : "H2: " + plan)
                .contains("device_session_device_account_idx");
        }
    }

}
