package org.onekeylogin.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Binding a child's account to a parent's: the bind attempt is a password attempt on the
 * child's account, counted with its sign-ins; a binding made is audited and shown to the
 * child's devices, either side lists and removes it, and after removal the parent's phone
 * no longer decides the child's sign-ins.
 */
@ServiceTest
class BindingTest {

    @Autowired
    AuditLog audit;

    final Api api;

    final TestAccounts accounts;

    BindingTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenAFreeAccountFiresThirtyBindAttemptsAtOnceThenExactlyTheBurstIsCheckedAndTheOwnerStillSignsIn() {
        for (int round = 0; round < 3; round++) {
            TestAccounts.Account kid = accounts.register("kid");
            TestAccounts.Device kidsPc = accounts.signIn(kid, "pc", "Kid's PC");
            TestAccounts.Device mallorysPhone = accounts.signIn(accounts.register("mallory"), "phone", "Phone");
            String address = "203.0.113." + (70 + round);

            List<Api.Response> answers = Concurrently.run(30,
                    i -> bind(kid.loginName(), "guess " + i, mallorysPhone, address));
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.text()).isIn(401, 429));
            assertThat(answers).filteredOn(a -> a.status() == 401)
                .as("password checks evaluated")
                .hasSize(5)
                .allSatisfy(a -> assertThat(a.field("code")).as("as for a sign-in").isEqualTo("invalid_credentials"));
            assertThat(answers).filteredOn(a -> a.status() == 429).hasSize(25);
            assertThat(audit.recent(kid.id(), 100)).filteredOn(e -> e.entry().type() == AuditEventType.BINDING_REFUSED)
                .as("every refusal audited on the account it named")
                .hasSize(30);

            Api.Response signInFromThere = signIn(kid.loginName(), TestAccounts.PASSWORD, mallorysPhone.deviceId(),
                    address);
            assertThat(signInFromThere.status()).as("the guesses count against the kid's sign-in limit too")
                .isEqualTo(429);
            assertThat(signIn(kid.loginName(), TestAccounts.PASSWORD, kidsPc.deviceId(), address).status())
                .as("the kid's own PC still signs in")
                .isEqualTo(200);
        }
    }

    @Test
    void whenMumBindsTheKidThenItIsAuditedShownOnTheKidsPhoneListedAndEitherSideRemovesIt() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Account kid = accounts.register("kid");
        TestAccounts.Device mumsPhone = accounts.signIn(mum, "phone", "Mum's phone");
        TestAccounts.Device kidsPhone = accounts.signIn(kid, "phone", "Kid's phone");

        Api.Response bound = bind(kid.loginName(), TestAccounts.PASSWORD, mumsPhone, "198.51.100.30");
        assertThat(bound.status()).as(bound.text()).isEqualTo(201);
        assertThat(bound.field("id")).isEqualTo(kid.id());
        assertThat(audit.recent(kid.id(), 20)).anySatisfy(e -> {
            assertThat(e.entry().type()).isEqualTo(AuditEventType.BINDING_CREATED);
            assertThat(e.entry().outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS);
            assertThat(e.entry().actorSessionId()).isEqualTo(mumsPhone.sessionId());
            assertThat(e.entry().detail()).isEqualTo("controller:" + mum.id());
        });

        Api.Response kidsList = api.get("/api/v1/account/bindings", kidsPhone.accessToken());
        assertThat(kidsList.status()).as(kidsList.text()).isEqualTo(200);
        assertThat(kidsList.json().path("controlled_by").size()).isEqualTo(1);
        assertThat(kidsList.json().path("controls").size()).isZero();
        String bindingId = kidsList.at("/controlled_by/0/id");
        assertThat(kidsList.at("/controlled_by/0/account/id")).isEqualTo(mum.id());
        assertThat(kidsList.at("/controlled_by/0/account/display_name")).isEqualTo("mum");
        assertThat(kidsList.at("/controlled_by/0/account/masked_name")).startsWith("m").contains("*");
        assertThat(kidsList.at("/controlled_by/0/since")).isNotBlank();
        Api.Response mumsList = api.get("/api/v1/account/bindings", mumsPhone.accessToken());
        assertThat(mumsList.at("/controls/0/id")).isEqualTo(bindingId);
        assertThat(mumsList.at("/controls/0/account/id")).isEqualTo(kid.id());
        assertThat(mumsList.json().path("controlled_by").size()).isZero();

        try (EventStream kidsStream = api.stream(kidsPhone.accessToken(), 0L)) {
            assertThat(kidsStream.awaitOpen()).isEqualTo(200);
            EventStream.Event notice = next(kidsStream, "account_bound");
            assertThat(notice.json().path("binding_id").asString()).isEqualTo(bindingId);
            assertThat(notice.json().at("/controller/display_name").asString()).isEqualTo("mum");
            assertThat(notice.json().at("/actions/remove").asString())
                .isEqualTo("DELETE /api/v1/account/bindings/" + bindingId);
        }

        Api.Response again = bind(kid.loginName(), TestAccounts.PASSWORD, mumsPhone, "198.51.100.30");
        assertThat(again.status()).as("binding again changes nothing").isEqualTo(201);
        assertThat(api.get("/api/v1/account/bindings", kidsPhone.accessToken()).json().path("controlled_by").size())
            .isEqualTo(1);

        TestAccounts.Device strangersPhone = accounts.signIn(accounts.register("stranger"), "phone", "Phone");
        Api.Response notTheirs = api.delete("/api/v1/account/bindings/" + bindingId, strangersPhone.accessToken());
        assertThat(notTheirs.status()).as("someone else's binding").isEqualTo(404);
        assertThat(notTheirs.field("code")).isEqualTo("binding_not_found");

        try (EventStream mumsStream = api.stream(mumsPhone.accessToken(), null)) {
            assertThat(mumsStream.awaitOpen()).isEqualTo(200);
            assertThat(api.delete("/api/v1/account/bindings/" + bindingId, kidsPhone.accessToken()).status())
                .as("the bound account removes it")
                .isEqualTo(204);
            EventStream.Event removed = next(mumsStream, "binding_removed");
            assertThat(removed.json().path("binding_id").asString()).isEqualTo(bindingId);
            assertThat(removed.json().at("/removed_by/id").asString()).isEqualTo(kid.id());
        }
        assertThat(audit.recent(kid.id(), 20)).anySatisfy(e -> {
            assertThat(e.entry().type()).isEqualTo(AuditEventType.BINDING_REMOVED);
            assertThat(e.entry().detail()).isEqualTo("by_bound_account:" + mum.id());
        });
        Api.Response gone = api.delete("/api/v1/account/bindings/" + bindingId, mumsPhone.accessToken());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.field("code")).isEqualTo("binding_not_found");
        assertThat(api.get("/api/v1/account/bindings", mumsPhone.accessToken()).json().path("controls").size())
            .isZero();
    }

    @Test
    void whenTheBindingIsRemovedThenMumsPhoneNoLongerGetsOrDecidesTheKidsSignInsNorSeesItsDevices() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Account kid = accounts.register("kid");
        TestAccounts.Device mumsPhone = accounts.signIn(mum, "phone", "Mum's phone");
        TestAccounts.Device kidsPc = accounts.signIn(kid, "pc", "Kid's PC");
        assertThat(bind(kid.loginName(), TestAccounts.PASSWORD, mumsPhone, "198.51.100.31").status()).isEqualTo(201);

        Api.Response before = startOnPc(kid.loginName());
        assertThat(before.status()).as(before.text()).isEqualTo(201);
        Api.Response pending = api.get("/api/v1/approvals", mumsPhone.accessToken());
        assertThat(pending.json().path("requests").size()).isEqualTo(1);
        String openRequest = pending.at("/requests/0/request_id");
        assertThat(sessionIds(mumsPhone)).contains(kidsPc.sessionId());

        String bindingId = api.get("/api/v1/account/bindings", mumsPhone.accessToken()).at("/controls/0/id");
        assertThat(api.delete("/api/v1/account/bindings/" + bindingId, mumsPhone.accessToken()).status())
            .as("the controller removes it")
            .isEqualTo(204);

        assertThat(api.get("/api/v1/approvals", mumsPhone.accessToken()).json().path("requests").size())
            .as("the request sent before is no longer hers to decide")
            .isZero();
        Api.Response late = api.post("/api/v1/approvals/" + openRequest + "/approve",
                Map.of("code", before.field("verification_code")), mumsPhone.accessToken());
        assertThat(late.status()).as(late.text()).isEqualTo(404);
        Api.Response after = startOnPc(kid.loginName());
        assertThat(after.status()).as("the kid has no phone of its own: " + after.text()).isEqualTo(409);
        assertThat(after.field("code")).isEqualTo("no_control_terminal");
        assertThat(sessionIds(mumsPhone)).doesNotContain(kidsPc.sessionId());
        assertThat(api.delete("/api/v1/sessions/" + kidsPc.sessionId(), mumsPhone.accessToken()).status())
            .isEqualTo(404);
    }

    @Test
    void whenMumBindsTenTimesAtOnceThenThereIsOneBindingOneAuditEntryAndOneNotice() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Account kid = accounts.register("kid");
        TestAccounts.Device mumsPhone = accounts.signIn(mum, "phone", "Mum's phone");
        TestAccounts.Device kidsPhone = accounts.signIn(kid, "phone", "Kid's phone");
        List<Integer> statuses = Concurrently.run(10,
                i -> bind(kid.loginName(), TestAccounts.PASSWORD, mumsPhone, "198.51.100.32").status());
        // each bind is a password check on the kid's account; checks still running count
        // toward the phone's burst of 5, so taps beyond it may be asked to wait
        assertThat(statuses).contains(201).allMatch(status -> status == 201 || status == 429);
        assertThat(statuses.stream().filter(status -> status == 201).count()).isGreaterThanOrEqualTo(5);
        assertThat(api.get("/api/v1/account/bindings", kidsPhone.accessToken()).json().path("controlled_by").size())
            .isEqualTo(1);
        assertThat(audit.recent(kid.id(), 50)).filteredOn(e -> e.entry().type() == AuditEventType.BINDING_CREATED)
            .hasSize(1);
        try (EventStream kidsStream = api.stream(kidsPhone.accessToken(), 0L)) {
            assertThat(kidsStream.awaitOpen()).isEqualTo(200);
            next(kidsStream, "account_bound");
            EventStream.Event more = kidsStream.next(Duration.ofMillis(500));
            assertThat(more == null || !more.name().equals("account_bound")).as("one notice").isTrue();
        }
    }

    @Test
    void whenAnAccountTriesToBindItselfThenItIsRefusedWithoutAPasswordCheck() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device mumsPhone = accounts.signIn(mum, "phone", "Mum's phone");
        Api.Response self = bind(mum.loginName(), TestAccounts.PASSWORD, mumsPhone, "198.51.100.33");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.field("code")).isEqualTo("validation_failed");
    }

    private EventStream.Event next(EventStream stream, String name) {
        for (int i = 0; i < 10; i++) {
            EventStream.Event event = stream.next(Duration.ofSeconds(5));
            assertThat(event).as("an %s event", name).isNotNull();
            if (event.name().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no " + name + " event");
    }

    private List<String> sessionIds(TestAccounts.Device device) {
        return api.get("/api/v1/sessions", device.accessToken())
            .json()
            .path("sessions")
            .valueStream()
            .map(s -> s.path("id").asString())
            .toList();
    }

    private Api.Response bind(String login, String password, TestAccounts.Device caller, String address) {
        return api.raw("POST", "/api/v1/account/controlled-accounts", "application/json",
                Api.JSON.writeValueAsString(Map.of("login", login, "password", password)),
                Map.of("X-Forwarded-For", address, "Authorization", "Bearer " + caller.accessToken()));
    }

    private Api.Response signIn(String login, String password, String deviceId, String address) {
        return api
            .raw("POST", "/api/v1/sign-in/password", "application/json",
                    Api.JSON.writeValueAsString(Map.of("login", login, "password", password, "device",
                            Map.of("id", deviceId, "type", "phone", "name", "Phone"))),
                    Map.of("X-Forwarded-For", address));
    }

    private Api.Response startOnPc(String login) {
        return api.post("/api/v1/login-requests", Map.of("login", login, "device",
                Map.of("id", TestAccounts.unique("kid-pc"), "type", "pc", "name", "Kid's PC")), null);
    }

}
