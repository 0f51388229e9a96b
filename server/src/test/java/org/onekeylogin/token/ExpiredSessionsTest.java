package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.onekeylogin.token.internal.ExpiredSessionSweeper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A device unused for longer than a refresh token lives is signed out by the service: it
 * is no longer listed, no longer asked to approve sign-ins, and its tokens are dead. A
 * device that keeps refreshing stays signed in.
 */
@ServiceTest
class ExpiredSessionsTest {

    @Autowired
    TestClock clock;

    @Autowired
    ExpiredSessionSweeper sweeper;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    final Api api;

    final TestAccounts accounts;

    ExpiredSessionsTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenAPhoneIsUnusedForLongerThanItsRefreshTokenLivesThenItIsSignedOutAndNoLongerAsked() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device drawerPhone = accounts.signIn(dad, "phone", "Old phone in a drawer");
        TestAccounts.Device tablet = accounts.signIn(dad, "tablet", "Dad's tablet");

        clock.advance(Duration.ofDays(20));
        Api.Response refreshed = refresh(tablet.refreshToken());
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);

        clock.advance(Duration.ofDays(11));
        sweeper.endExpiredSessions(); // as its schedule would, every 10 minutes

        assertThat(audit.recent(dad.id(), 20)).anySatisfy(entry -> {
            assertThat(entry.entry().type()).isEqualTo(AuditEventType.SIGN_OUT);
            assertThat(entry.entry().sessionId()).isEqualTo(drawerPhone.sessionId());
            assertThat(entry.entry().detail()).isEqualTo("expired");
        });
        Api.Response again = refresh(refreshed.field("refresh_token"));
        assertThat(again.status()).as("the tablet kept refreshing, so it is still signed in").isEqualTo(200);
        Api.Response devices = api.get("/api/v1/sessions", again.field("access_token"));
        assertThat(devices.text()).contains(tablet.sessionId()).doesNotContain(drawerPhone.sessionId());

        Api.Response started = api.post("/api/v1/login-requests", Map.of("login", dad.loginName(), "device",
                Map.of("id", TestAccounts.unique("pc"), "type", "pc", "name", "Study PC")), null);
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.json().path("control_terminals").asInt()).as("only the tablet is asked").isEqualTo(1);

        assertThat(refresh(drawerPhone.refreshToken()).field("error")).isEqualTo("invalid_grant");
        assertThat(sweeper.endExpiredSessions()).as("nothing is ended twice").isZero();
    }

    @Test
    void whenAnExpiredAuthorizationOutlivedItsEndedSessionThenTheSweepRemovesItOnce() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device tv = accounts.signIn(mum, "tv", "Kitchen TV");
        // a session ended without its tokens, as an interrupted sign-out could leave it
        jdbc.sql("UPDATE device_session SET revoked_at = ?, revoke_reason = 'SIGNED_OUT' WHERE id = ?")
            .params(clock.instant().atOffset(ZoneOffset.UTC), tv.sessionId())
            .update();

        clock.advance(Duration.ofDays(31));
        sweeper.endExpiredSessions();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE id = ?")
            .param(tv.sessionId())
            .query(Integer.class)
            .single()).as("its authorization is gone").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization_lookup WHERE authorization_id = ?")
            .param(tv.sessionId())
            .query(Integer.class)
            .single()).as("and so are the rows its tokens were found by").isZero();
        assertThat(audit.recent(mum.id(), 20)).as("the session is not ended a second time")
            .noneSatisfy(entry -> assertThat(entry.entry().type()).isEqualTo(AuditEventType.SIGN_OUT));
        assertThat(sweeper.endExpiredSessions()).as("nothing is left to sweep").isZero();
    }

    private Api.Response refresh(String refreshToken) {
        return api.form("/oauth2/token",
                Api.fields("grant_type", "refresh_token", "client_id", "onekey-device", "refresh_token", refreshToken));
    }

}
