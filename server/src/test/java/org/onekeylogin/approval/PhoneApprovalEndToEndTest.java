package org.onekeylogin.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Phone-approved sign-in over real HTTP, from the client's first request to its tokens
 * (PRODUCT.md section A and the stories "One-key on the PC", "The child's PC", "Push
 * bombing" and "No phone").
 */
@ServiceTest
class PhoneApprovalEndToEndTest {

    @Autowired
    TestClock clock;

    @Autowired
    AccountService accountService;

    @Autowired
    AuditLog audit;

    final Api api;

    final TestAccounts accounts;

    PhoneApprovalEndToEndTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenThePhoneTypesTheCodeShownOnThePcThenThePcIsSignedInOnce() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        try (EventStream phoneEvents = api.stream(phone.accessToken(), null)) {
            phoneEvents.awaitOpen();
            Api.Response started = startOnPc(dad.loginName(), "pc-" + TestAccounts.unique("dad"));
            assertThat(started.status()).as(started.text()).isEqualTo(201);
            String code = started.field("verification_code");
            assertThat(code).matches("\\d{2}");
            assertThat(started.json().path("expires_in").asInt()).isEqualTo(120);
            assertThat(started.json().path("control_terminals").asInt()).isEqualTo(1);
            String authReqId = started.field("auth_req_id");
            assertThat(authReqId.length()).as("at least 128 random bits").isGreaterThanOrEqualTo(22);

            EventStream.Event request = phoneEvents.next(Duration.ofSeconds(2));
            assertThat(request.name()).isEqualTo("login_request");
            assertThat(request.json().at("/requester/name").asString()).isEqualTo("Windows PC");
            assertThat(request.json().at("/requester/type").asString()).isEqualTo("pc");
            assertThat(request.json().at("/account/login_name").asString()).isEqualTo(dad.loginName());
            assertThat(request.json().path("same_network").asBoolean()).isTrue();
            assertThat(request.json().path("code_length").asInt()).isEqualTo(2);
            assertThat(request.data()).as("the code itself is never sent to the phone")
                .doesNotContain("\"" + code + "\"")
                .doesNotContain(authReqId);
            String requestId = request.json().path("request_id").asString();

            assertThat(status(authReqId, 0).field("status")).isEqualTo("pending");
            Api.Response early = redeem(authReqId);
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.field("code")).isEqualTo("authorization_pending");

            Api.Response approved = api.post("/api/v1/approvals/" + requestId + "/approve", Map.of("code", code),
                    phone.accessToken());
            assertThat(approved.status()).as(approved.text()).isEqualTo(200);
            assertThat(approved.field("status")).isEqualTo("approved");

            assertThat(status(authReqId, 5).field("status")).isEqualTo("approved");
            Api.Response tokens = redeem(authReqId);
            assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
            assertThat(tokens.at("/session/method")).isEqualTo("phone_approval");
            String pcToken = tokens.at("/tokens/access_token");
            assertThat(api.get("/api/v1/account", pcToken).field("login_name")).isEqualTo(dad.loginName());

            Api.Response again = redeem(authReqId);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.field("code")).isEqualTo("login_request_already_used");

            // embodiment 2: the phone sees the PC among its signed-in devices and signs
            // it out
            Api.Response listed = api.get("/api/v1/sessions", phone.accessToken());
            String pcSession = tokens.at("/session/id");
            assertThat(listed.text()).contains(pcSession).contains("phone_approval");
            try (EventStream pcEvents = api.stream(pcToken, null)) {
                pcEvents.awaitOpen();
                assertThat(api.delete("/api/v1/sessions/" + pcSession, phone.accessToken()).status()).isEqualTo(204);
                EventStream.Event signedOut = pcEvents.next(Duration.ofSeconds(1));
                assertThat(signedOut.name()).isEqualTo("signed_out");
            }
            assertThat(api.get("/api/v1/account", pcToken).status()).isEqualTo(401);
        }
    }

    @Test
    void whenThePhoneTypesAWrongCodeThenTheRequestFails() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        Api.Response started = startOnPc(mum.loginName(), TestAccounts.unique("pc"));
        String code = started.field("verification_code");
        String wrong = code.equals("00") ? "01" : "00";
        String requestId = onlyPendingRequest(phone);

        Api.Response typed = api.post("/api/v1/approvals/" + requestId + "/approve", Map.of("code", wrong),
                phone.accessToken());
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.field("code")).isEqualTo("wrong_verification_code");

        assertThat(status(started.field("auth_req_id"), 0).field("status")).isEqualTo("failed");
        assertThat(redeem(started.field("auth_req_id")).field("code")).isEqualTo("login_failed");
        Api.Response retry = api.post("/api/v1/approvals/" + requestId + "/approve", Map.of("code", code),
                phone.accessToken());
        assertThat(retry.field("code")).as("a failed request cannot be approved afterwards")
            .isEqualTo("login_request_closed");
    }

    @Test
    void whenThePhoneSaysItWasAMistakeThenTheClientIsToldItWasDeclined() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        Api.Response started = startOnPc(mum.loginName(), TestAccounts.unique("pc"));
        Api.Response denied = api.post("/api/v1/approvals/" + onlyPendingRequest(phone) + "/deny",
                Map.of("reason", "mistake"), phone.accessToken());
        assertThat(denied.field("status")).isEqualTo("denied");

        Api.Response outcome = status(started.field("auth_req_id"), 0);
        assertThat(outcome.field("status")).isEqualTo("denied");
        assertThat(outcome.field("reason")).isEqualTo("mistake");
        Api.Response redeemed = redeem(started.field("auth_req_id"));
        assertThat(redeemed.status()).isEqualTo(403);
        assertThat(redeemed.field("code")).isEqualTo("login_denied");
        assertThat(redeemed.at("/details/reason")).isEqualTo("mistake");
        assertThat(startOnPc(mum.loginName(), TestAccounts.unique("pc")).status()).as("a mistake does not block")
            .isEqualTo(201);
    }

    @Test
    void whenThePhoneSaysThatWasntMeThenThatRequesterIsBlockedFor24Hours() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        String pc = TestAccounts.unique("pc");
        Api.Response started = startOnPc(dad.loginName(), pc);
        api.post("/api/v1/approvals/" + onlyPendingRequest(phone) + "/deny", Map.of("reason", "not_me"),
                phone.accessToken());
        assertThat(redeem(started.field("auth_req_id")).at("/details/reason")).isEqualTo("not_me");
        assertThat(accountService.get(dad.id()).risk().theftRiskIndex()).as("risk raised").isEqualTo(0.5);

        Api.Response blocked = startOnPc(dad.loginName(), pc);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.field("code")).isEqualTo("requester_blocked");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(86_000L, 86_400L);
        assertThat(startOnPc(dad.loginName(), TestAccounts.unique("pc")).status())
            .as("the same address is blocked too, whatever device it claims to be")
            .isEqualTo(403);

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertThat(startOnPc(dad.loginName(), pc).status()).as("the block ends after 24 hours").isEqualTo(201);
    }

    @Test
    void whenNobodyAnswersThenTheRequestExpires() {
        TestAccounts.Account mum = accounts.register("mum");
        accounts.signIn(mum, "phone", "Mum's phone");
        Api.Response started = startOnPc(mum.loginName(), TestAccounts.unique("pc"));
        clock.advance(Duration.ofSeconds(121));
        assertThat(status(started.field("auth_req_id"), 0).field("status")).isEqualTo("expired");
        Api.Response redeemed = redeem(started.field("auth_req_id"));
        assertThat(redeemed.status()).isEqualTo(410);
        assertThat(redeemed.field("code")).isEqualTo("login_request_expired");
    }

    @Test
    void whenTwoPhonesAreAskedThenTheFirstDecisionWinsAndTheOtherIsToldItClosed() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        TestAccounts.Device tablet = accounts.signIn(dad, "tablet", "Dad's tablet");
        try (EventStream tabletEvents = api.stream(tablet.accessToken(), null)) {
            tabletEvents.awaitOpen();
            Api.Response started = startOnPc(dad.loginName(), TestAccounts.unique("pc"));
            assertThat(started.json().path("control_terminals").asInt()).isEqualTo(2);
            assertThat(tabletEvents.next(Duration.ofSeconds(2)).name()).isEqualTo("login_request");

            String requestId = onlyPendingRequest(phone);
            api.post("/api/v1/approvals/" + requestId + "/approve", Map.of("code", started.field("verification_code")),
                    phone.accessToken());

            EventStream.Event closed = tabletEvents.next(Duration.ofSeconds(2));
            assertThat(closed.name()).isEqualTo("login_request_closed");
            assertThat(closed.json().path("request_id").asString()).isEqualTo(requestId);
            assertThat(closed.json().path("outcome").asString()).isEqualTo("approved");
            Api.Response late = api.post("/api/v1/approvals/" + requestId + "/deny", Map.of("reason", "not_me"),
                    tablet.accessToken());
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.field("code")).isEqualTo("login_request_closed");
            assertThat(api.get("/api/v1/approvals", tablet.accessToken()).json().path("requests").size())
                .as("a decided request is no longer listed on the other terminals")
                .isZero();
            assertThat(redeem(started.field("auth_req_id")).status()).isEqualTo(200);
        }
    }

    @Test
    void whenTheKidsPcAsksThenMumsPhoneDecides() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Account kid = accounts.register("kid");
        TestAccounts.Device mumsPhone = accounts.signIn(mum, "phone", "Mum's phone");
        Api.Response bound = api.post("/api/v1/account/controlled-accounts",
                Map.of("login", kid.loginName(), "password", TestAccounts.PASSWORD), mumsPhone.accessToken());
        assertThat(bound.status()).as(bound.text()).isEqualTo(201);

        Api.Response started = startOnPc(kid.loginName(), TestAccounts.unique("kid-pc"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        Api.Response pending = api.get("/api/v1/approvals", mumsPhone.accessToken());
        assertThat(pending.at("/requests/0/account/login_name")).isEqualTo(kid.loginName());
        assertThat(pending.json().at("/requests/0/account/via_binding").asBoolean()).isTrue();

        api.post("/api/v1/approvals/" + pending.at("/requests/0/request_id") + "/approve",
                Map.of("code", started.field("verification_code")), mumsPhone.accessToken());
        Api.Response tokens = redeem(started.field("auth_req_id"));
        assertThat(api.get("/api/v1/account", tokens.at("/tokens/access_token")).field("login_name"))
            .isEqualTo(kid.loginName());
        assertThat(api.delete("/api/v1/sessions/" + tokens.at("/session/id"), mumsPhone.accessToken()).status())
            .as("mum can sign the kid's PC out")
            .isEqualTo(204);
    }

    @Test
    void whenTheAccountHasNoSignedInPhoneThenTheClientGetsNoControlTerminalAndTheFallbacks() {
        TestAccounts.Account grandma = accounts.register("grandma");
        accounts.signIn(grandma, "tv", "Living-room TV");
        Api.Response refused = startOnPc(grandma.loginName(), TestAccounts.unique("pc"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.field("code")).isEqualTo("no_control_terminal");
        assertThat(refused.text()).contains("qr_code").contains("sms_code");
        assertThat(audit.recent(grandma.id(), 10)).as("the refusal is audited although the request failed")
            .anySatisfy(entry -> {
                assertThat(entry.entry().type()).isEqualTo(AuditEventType.LOGIN_REFUSED);
                assertThat(entry.entry().detail()).isEqualTo("no_control_terminal");
            });

        Api.Response unknown = startOnPc(TestAccounts.unique("nobody"), TestAccounts.unique("pc"));
        assertThat(unknown.status()).as("unknown accounts answer the same").isEqualTo(409);
        assertThat(unknown.field("message")).isEqualTo(refused.field("message"));
    }

    @Test
    void whenOneRequesterAsksAgainAndAgainThenItWaitsLongerEachTimeAndTheSixthIsRefused() {
        TestAccounts.Account dad = accounts.register("dad");
        accounts.signIn(dad, "phone", "Dad's phone");
        String pc = TestAccounts.unique("pc");
        Api.Response first = startOnPc(dad.loginName(), pc);
        assertThat(first.status()).isEqualTo(201);
        Api.Response secondFromSameDevice = startOnPc(dad.loginName(), pc);
        assertThat(secondFromSameDevice.status()).as("asking again replaces the request, and counts").isEqualTo(201);
        assertThat(status(first.field("auth_req_id"), 0).field("status")).isEqualTo("cancelled");
        // the requester is its address too: other device ids from the same address count
        // as the same requester
        assertThat(startOnPc(dad.loginName(), TestAccounts.unique("pc")).status()).isEqualTo(201);

        Api.Response fourth = startOnPc(dad.loginName(), TestAccounts.unique("pc"));
        assertThat(fourth.status()).as("beyond the burst of three, a wait").isEqualTo(429);
        assertThat(fourth.field("code")).isEqualTo("too_many_requests");
        assertThat(fourth.at("/details/limit")).isEqualTo("requester");
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isBetween(55L, 60L);
        clock.advance(Duration.ofSeconds(61));
        assertThat(startOnPc(dad.loginName(), TestAccounts.unique("pc")).status()).isEqualTo(201);

        Api.Response fifth = startOnPc(dad.loginName(), TestAccounts.unique("pc"));
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(Long.parseLong(fifth.header("Retry-After"))).as("the wait doubles").isBetween(115L, 120L);
        clock.advance(Duration.ofSeconds(121));
        assertThat(startOnPc(dad.loginName(), TestAccounts.unique("pc")).status()).isEqualTo(201);

        Api.Response sixth = startOnPc(dad.loginName(), TestAccounts.unique("pc"));
        assertThat(sixth.status()).as("the sixth within 15 minutes is refused").isEqualTo(429);
        assertThat(Long.parseLong(sixth.header("Retry-After"))).as("until the first leaves the window")
            .isBetween(700L, 720L);
        assertThat(audit.recent(dad.id(), 20)).anySatisfy(entry -> {
            assertThat(entry.entry().type()).isEqualTo(AuditEventType.LOGIN_REFUSED);
            assertThat(entry.entry().detail()).isEqualTo("too_many_requests_from_requester");
        });
        clock.advance(Duration.ofMinutes(15));
        assertThat(startOnPc(dad.loginName(), TestAccounts.unique("pc")).status()).isEqualTo(201);
    }

    private Api.Response startOnPc(String login, String deviceId) {
        return api.post("/api/v1/login-requests", Map.of("login", login, "device",
                Map.of("id", deviceId, "type", "pc", "name", "Windows PC", "os", "Windows 11")), null);
    }

    private Api.Response status(String authReqId, int waitSeconds) {
        return api.post("/api/v1/login-requests/status", Map.of("auth_req_id", authReqId, "wait_seconds", waitSeconds),
                null);
    }

    private Api.Response redeem(String authReqId) {
        return api.post("/api/v1/login-requests/session", Map.of("auth_req_id", authReqId), null);
    }

    private String onlyPendingRequest(TestAccounts.Device phone) {
        Api.Response pending = api.get("/api/v1/approvals", phone.accessToken());
        assertThat(pending.json().path("requests").size()).as(pending.text()).isEqualTo(1);
        return pending.at("/requests/0/request_id");
    }

}
