package org.onekeylogin.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.SqlStatements;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * What one phone-approved sign-in costs the database, step by step: the statements and
 * commits sent while the service answers each request of the flow (the load generator's
 * flow, and the CIBA flow of a stock client), and what a sign-out costs. The budgets keep
 * the work per sign-in from creeping back up; the guarantees themselves are tested
 * elsewhere.
 */
@ServiceTest
@Import(SqlStatements.Recording.class)
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the service sends the same statements to either database")
class SignInStatementsTest {

    @Autowired
    SqlStatements statements;

    final Api api;

    final TestAccounts accounts;

    SignInStatementsTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void aPhoneApprovedSignInOverTheJsonApiFromANewPc() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        // the first sign-in warms what is read once (request lock rows, caches); each
        // sign-in is from a new PC, as in the load generator
        signInOnPc(dad, phone, TestAccounts.unique("pc"));

        statements.clear();
        signInOnPc(dad, phone, TestAccounts.unique("pc"));
        assertWithin(statements.sent(), 33, 18, 8);
    }

    @Test
    void aPhoneApprovedSignInOfAPcSignedInBeforeReplacesItsSession() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        String pc = TestAccounts.unique("pc");
        signInOnPc(dad, phone, pc);

        statements.clear();
        signInOnPc(dad, phone, pc);
        List<SqlStatements.Sent> sent = statements.sent();
        assertThat(sent).as("the earlier session of the PC is ended")
            .anyMatch(s -> s.sql().startsWith("UPDATE device_session SET revoked_at"));
        assertWithin(sent, 40, 21, 8);
    }

    @Test
    void aCibaSignIn() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        signInByCiba(mum, phone, TestAccounts.unique("kiosk"));

        statements.clear();
        signInByCiba(mum, phone, TestAccounts.unique("kiosk"));
        assertWithin(statements.sent(), 32, 17, 8);
    }

    @Test
    void aClientCredentialsGrant() {
        api.form("/oauth2/token", Api.fields("grant_type", "client_credentials"), "onekey-backend",
                "change-me-backend-secret");
        statements.clear();
        Api.Response granted = api.form("/oauth2/token", Api.fields("grant_type", "client_credentials"),
                "onekey-backend", "change-me-backend-secret");
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
        assertWithin(statements.sent(), 3, 1, 1);
    }

    @Test
    void aSignOut() {
        TestAccounts.Account dad = accounts.register("dad");
        accounts.signIn(dad, "tv", "Living room TV");
        TestAccounts.Device tv = accounts.signIn(dad, "tv", "Bedroom TV");

        // the caller's session is read once (by the token check), the tokens are removed
        // by the session's id without reading the authorization
        statements.clear();
        Api.Response signedOut = api.delete("/api/v1/sessions/current", tv.accessToken());
        assertThat(signedOut.status()).as(signedOut.text()).isEqualTo(204);
        assertWithin(statements.sent(), 8, 2, 2);
    }

    /**
     * At most this many statements, of them SELECTs, and commits (a statement outside a
     * transaction counts as its own commit).
     */
    private static void assertWithin(List<SqlStatements.Sent> sent, int statements, int selects, int commits) {
        String described = SqlStatements.describe(sent);
        System.out.println(described);
        assertThat(sent.stream().filter(s -> !s.isCommit()).count()).as("statements:%n%s", described)
            .isLessThanOrEqualTo(statements);
        assertThat(sent.stream().filter(SqlStatements.Sent::isSelect).count()).as("SELECTs:%n%s", described)
            .isLessThanOrEqualTo(selects);
        assertThat(sent.stream().filter(SqlStatements.Sent::isCommit).count()).as("commits:%n%s", described)
            .isLessThanOrEqualTo(commits);
    }

    private void signInOnPc(TestAccounts.Account account, TestAccounts.Device phone, String pc) {
        Api.Response started = api.post("/api/v1/login-requests", Map.of("login", account.loginName(), "device",
                Map.of("id", pc, "type", "pc", "name", "Windows PC", "os", "Windows 11")), null);
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        approveOnPhone(phone, started.field("verification_code"));
        Api.Response tokens = api.post("/api/v1/login-requests/session",
                Map.of("auth_req_id", started.field("auth_req_id")), null);
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
    }

    private void signInByCiba(TestAccounts.Account account, TestAccounts.Device phone, String device) {
        Api.Response started = api.form("/oauth2/bc-authorize",
                Api.fields("login_hint", account.loginName(), "scope", "openid", "device_id", device), "onekey-ciba",
                "change-me-ciba-secret");
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        approveOnPhone(phone, started.field("verification_code"));
        Api.Response tokens = api.form("/oauth2/token", Api.fields("grant_type", "urn:openid:params:grant-type:ciba",
                "auth_req_id", started.field("auth_req_id")), "onekey-ciba", "change-me-ciba-secret");
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
    }

    private void approveOnPhone(TestAccounts.Device phone, String code) {
        Api.Response pending = api.get("/api/v1/approvals", phone.accessToken());
        String requestId = pending.at("/requests/0/request_id");
        Api.Response approved = api.post("/api/v1/approvals/" + requestId + "/approve", Map.of("code", code),
                phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    }

}
