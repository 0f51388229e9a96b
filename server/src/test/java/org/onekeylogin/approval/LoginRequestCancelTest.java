package org.onekeylogin.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The requesting device gives up: by pressing cancel, or by asking again for the same
 * account. The phones stop asking at once, approving afterwards says the device
 * cancelled, and the device may ask again straight away.
 */
@ServiceTest
class LoginRequestCancelTest {

    @Autowired
    AuditLog audit;

    final Api api;

    final TestAccounts accounts;

    LoginRequestCancelTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenThePcCancelsThenThePhoneIsToldAndApprovingSaysTheDeviceCancelled() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        String pc = TestAccounts.unique("pc");
        try (EventStream phoneEvents = api.stream(phone.accessToken(), null)) {
            phoneEvents.awaitOpen();
            Api.Response started = startOnPc(dad.loginName(), pc);
            assertThat(started.status()).as(started.text()).isEqualTo(201);
            String requestId = phoneEvents.next(Duration.ofSeconds(2)).json().path("request_id").asString();

            Api.Response cancelled = cancel(started.field("auth_req_id"));
            assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
            assertThat(cancelled.field("status")).isEqualTo("cancelled");

            EventStream.Event closed = phoneEvents.next(Duration.ofSeconds(2));
            assertThat(closed.name()).isEqualTo("login_request_closed");
            assertThat(closed.json().path("request_id").asString()).isEqualTo(requestId);
            assertThat(closed.json().path("outcome").asString()).isEqualTo("cancelled");
            assertThat(api.get("/api/v1/approvals", phone.accessToken()).json().path("requests").size())
                .as("no longer listed on the phone")
                .isZero();

            Api.Response approved = api.post("/api/v1/approvals/" + requestId + "/approve",
                    Map.of("code", started.field("verification_code")), phone.accessToken());
            assertThat(approved.status()).isEqualTo(409);
            assertThat(approved.field("code")).isEqualTo("login_request_closed");
            assertThat(approved.field("message")).contains("Windows PC cancelled");
            assertThat(approved.at("/details/state")).isEqualTo("cancelled");

            assertThat(status(started.field("auth_req_id")).field("status")).isEqualTo("cancelled");
            Api.Response redeemed = redeem(started.field("auth_req_id"));
            assertThat(redeemed.status()).isEqualTo(409);
            assertThat(redeemed.field("code")).isEqualTo("login_request_closed");
            assertThat(cancel(started.field("auth_req_id")).field("status")).as("a second press is harmless")
                .isEqualTo("cancelled");

            Api.Response again = startOnPc(dad.loginName(), pc);
            assertThat(again.status()).as("asking again after a cancel works at once: " + again.text()).isEqualTo(201);
        }
        assertThat(audit.recent(dad.id(), 20)).anySatisfy(e -> {
            assertThat(e.entry().type()).isEqualTo(AuditEventType.LOGIN_CANCELLED);
            assertThat(e.entry().detail()).isEqualTo("cancelled");
        });
    }

    @Test
    void whenThePcAsksAgainThenTheEarlierRequestIsCancelledAndTheNewOneSignsIn() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        String pc = TestAccounts.unique("pc");
        try (EventStream phoneEvents = api.stream(phone.accessToken(), null)) {
            phoneEvents.awaitOpen();
            Api.Response first = startOnPc(mum.loginName(), pc);
            String firstId = phoneEvents.next(Duration.ofSeconds(2)).json().path("request_id").asString();
            Api.Response second = startOnPc(mum.loginName(), pc);
            assertThat(second.status()).as(second.text()).isEqualTo(201);

            EventStream.Event closed = phoneEvents.next(Duration.ofSeconds(2));
            assertThat(closed.name()).isEqualTo("login_request_closed");
            assertThat(closed.json().path("request_id").asString()).isEqualTo(firstId);
            assertThat(closed.json().path("outcome").asString()).isEqualTo("cancelled");
            EventStream.Event asked = phoneEvents.next(Duration.ofSeconds(2));
            assertThat(asked.name()).isEqualTo("login_request");
            String secondId = asked.json().path("request_id").asString();

            assertThat(status(first.field("auth_req_id")).field("status")).isEqualTo("cancelled");
            Api.Response late = api.post("/api/v1/approvals/" + firstId + "/approve",
                    Map.of("code", first.field("verification_code")), phone.accessToken());
            assertThat(late.field("code")).isEqualTo("login_request_closed");
            assertThat(late.field("message")).contains("cancelled");

            assertThat(api
                .post("/api/v1/approvals/" + secondId + "/approve", Map.of("code", second.field("verification_code")),
                        phone.accessToken())
                .status()).isEqualTo(200);
            assertThat(redeem(second.field("auth_req_id")).status()).isEqualTo(200);
        }
    }

    @Test
    void whenTheRequestWasAlreadyDecidedThenCancelSaysSo() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        Api.Response started = startOnPc(mum.loginName(), TestAccounts.unique("pc"));
        String requestId = api.get("/api/v1/approvals", phone.accessToken()).at("/requests/0/request_id");
        api.post("/api/v1/approvals/" + requestId + "/approve", Map.of("code", started.field("verification_code")),
                phone.accessToken());

        Api.Response cancelled = cancel(started.field("auth_req_id"));
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(cancelled.field("code")).isEqualTo("login_request_closed");
        assertThat(cancelled.at("/details/state")).isEqualTo("approved");
        assertThat(redeem(started.field("auth_req_id")).status()).as("the approval still stands").isEqualTo(200);
        assertThat(cancel("no-such-request").status()).isEqualTo(404);
    }

    private Api.Response startOnPc(String login, String deviceId) {
        return api.post("/api/v1/login-requests", Map.of("login", login, "device",
                Map.of("id", deviceId, "type", "pc", "name", "Windows PC", "os", "Windows 11")), null);
    }

    private Api.Response cancel(String authReqId) {
        return api.post("/api/v1/login-requests/cancel", Map.of("auth_req_id", authReqId), null);
    }

    private Api.Response status(String authReqId) {
        return api.post("/api/v1/login-requests/status", Map.of("auth_req_id", authReqId, "wait_seconds", 0), null);
    }

    private Api.Response redeem(String authReqId) {
        return api.post("/api/v1/login-requests/session", Map.of("auth_req_id", authReqId), null);
    }

}
