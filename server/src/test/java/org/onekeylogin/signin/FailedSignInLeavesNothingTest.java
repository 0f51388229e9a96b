package org.onekeylogin.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onekeylogin.sms.SmsOutbox;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.token.internal.NewAuthorizations;
import org.onekeylogin.token.internal.SessionAttributes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * A sign-in is all or nothing: when its tokens cannot be stored, the client gets an error
 * and the service keeps no trace of it — no session, no audited sign-in, no push event,
 * no replaced session — and what the flow used up (an SMS code, a QR code) still works
 * once the store works again.
 */
@ServiceTest
@Import(FailedSignInLeavesNothingTest.BrokenAuthorizationStore.class)
class FailedSignInLeavesNothingTest {

    @Autowired
    RefusedDevices refused;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SmsOutbox outbox;

    final Api api;

    final TestAccounts accounts;

    FailedSignInLeavesNothingTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @AfterEach
    void repairStore() {
        refused.clear();
    }

    @Test
    void whenTheTokensOfAPasswordSignInCannotBeStoredThenNoSessionAuditOrPushEventRemains() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        String tv = TestAccounts.unique("tv-device");
        refused.add(tv);

        Api.Response failed = passwordSignIn(dad, tv);

        assertThat(failed.status()).as(failed.text()).isEqualTo(500);
        assertThat(failed.field("code")).isEqualTo("server_error");
        assertThat(failed.at("/tokens/access_token")).isNull();
        assertNothingRecordedFor(tv);
        assertThat(pushEvents(phone.deviceId())).isZero();
        assertThat(api.get("/api/v1/sessions", phone.accessToken()).text()).doesNotContain(tv);
    }

    @Test
    void whenASignInThatWouldReplaceASessionFailsThenTheEarlierSessionStaysSignedIn() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device pc = accounts.signIn(mum, "pc", "Study PC");
        refused.add(pc.deviceId());

        Api.Response failed = passwordSignIn(mum, pc.deviceId());

        assertThat(failed.status()).as(failed.text()).isEqualTo(500);
        assertThat(api.get("/api/v1/account", pc.accessToken()).status()).as("not replaced").isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM device_session WHERE device_id = ? AND revoked_at IS NULL")
            .param(pc.deviceId())
            .query(Integer.class)
            .single()).isEqualTo(1);
        assertThat(auditCount(pc.deviceId(), "SIGN_IN")).isEqualTo(1);
        assertThat(auditCount(pc.deviceId(), "SIGN_OUT")).isZero();
        assertThat(pushEvents(pc.deviceId())).isZero();
    }

    @Test
    void whenTheTokensOfAnSmsSignInCannotBeStoredThenNothingRemainsAndTheCodeStillWorks() {
        String phoneNumber = "+4477" + String.format("%08d", System.nanoTime() % 100_000_000L);
        Api.Response registered = api.post("/api/v1/accounts", Map.of("login_name", TestAccounts.unique("gran"),
                "display_name", "Grandma", "password", TestAccounts.PASSWORD, "phone_number", phoneNumber), null);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        String tv = TestAccounts.unique("tv-device");
        Map<String, Object> device = Map.of("id", tv, "type", "tv", "name", "Bedroom TV");
        assertThat(api.post("/api/v1/sign-in/sms-code", Map.of("phone_number", phoneNumber, "device", device), null)
            .status()).isEqualTo(202);
        String code = codeSentTo(phoneNumber);
        refused.add(tv);

        Api.Response failed = api.post("/api/v1/sign-in/sms",
                Map.of("phone_number", phoneNumber, "code", code, "device", device), null);

        assertThat(failed.status()).as(failed.text()).isEqualTo(500);
        assertNothingRecordedFor(tv);
        refused.clear();
        Api.Response retried = api.post("/api/v1/sign-in/sms",
                Map.of("phone_number", phoneNumber, "code", code, "device", device), null);
        assertThat(retried.status()).as("the code was not used up: " + retried.text()).isEqualTo(200);
    }

    @Test
    void whenAQrApprovalCannotBeStoredThenTheTvIsNotSignedInAndTheCodeCanBeApprovedAgain() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        String tv = TestAccounts.unique("tv-device");
        Api.Response code = api.form("/oauth2/device_authorization", Api.fields("client_id", "onekey-device", "scope",
                "profile", "device_id", tv, "device_type", "tv", "device_name", "Living-room TV"));
        assertThat(code.status()).as(code.text()).isEqualTo(200);
        refused.add(tv);

        Api.Response failed = api.post("/api/v1/device-codes/" + code.field("user_code") + "/approve", "{}",
                phone.accessToken());

        assertThat(failed.status()).as(failed.text()).isEqualTo(500);
        assertNothingRecordedFor(tv);
        assertThat(auditCount(tv, "LOGIN_APPROVED")).isZero();
        assertThat(pushEvents(phone.deviceId())).isZero();
        assertThat(poll(code.field("device_code")).field("error")).isEqualTo("authorization_pending");

        refused.clear();
        Api.Response approved = api.post("/api/v1/device-codes/" + code.field("user_code") + "/approve", "{}",
                phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        Api.Response tokens = poll(code.field("device_code"));
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        assertThat(api.get("/api/v1/account", tokens.field("access_token")).field("login_name"))
            .isEqualTo(dad.loginName());
    }

    private void assertNothingRecordedFor(String deviceId) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM device_session WHERE device_id = ?")
            .param(deviceId)
            .query(Integer.class)
            .single()).as("sessions of the device").isZero();
        assertThat(auditCount(deviceId, "SIGN_IN")).as("audited sign-ins of the device").isZero();
        assertThat(pushEvents(deviceId)).as("push events of the device").isZero();
    }

    private int auditCount(String deviceId, String type) {
        return jdbc
            .sql("SELECT COUNT(*) FROM audit_event WHERE device_id = ? AND event_type = ? " + "AND outcome = 'SUCCESS'")
            .params(deviceId, type)
            .query(Integer.class)
            .single();
    }

    private int pushEvents(String deviceId) {
        return jdbc.sql("SELECT COUNT(*) FROM push_event WHERE device_id = ?")
            .param(deviceId)
            .query(Integer.class)
            .single();
    }

    private Api.Response passwordSignIn(TestAccounts.Account account, String deviceId) {
        return api.post("/api/v1/sign-in/password", Map.of("login", account.loginName(), "password",
                TestAccounts.PASSWORD, "device", Map.of("id", deviceId, "type", "tv", "name", "Living-room TV")), null);
    }

    private Api.Response poll(String deviceCode) {
        return api.form("/oauth2/token", Api.fields("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", deviceCode, "client_id", "onekey-device"));
    }

    private String codeSentTo(String phoneNumber) {
        String text = outbox.latestFor(phoneNumber).orElseThrow().text();
        Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    /**
     * The devices whose authorizations the store refuses to save, as a database that has
     * gone away would.
     */
    static final class RefusedDevices {

        private final Set<String> deviceIds = ConcurrentHashMap.newKeySet();

        void add(String deviceId) {
            deviceIds.add(deviceId);
        }

        void clear() {
            deviceIds.clear();
        }

        boolean refuses(OAuth2Authorization authorization) {
            return authorization.getAttribute(SessionAttributes.DEVICE_ID) instanceof String deviceId
                    && deviceIds.contains(deviceId);
        }

    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BrokenAuthorizationStore {

        @Bean
        RefusedDevices refusedDevices() {
            return new RefusedDevices();
        }

        @Bean
        static BeanPostProcessor refusingAuthorizationStore(
                org.springframework.beans.factory.ObjectProvider<RefusedDevices> refused) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof OAuth2AuthorizationService store
                            ? new RefusingStore(store, refused.getObject()) : bean;
                }
            };
        }

    }

    /**
     * The real store, except that storing the authorization of a refused device fails. A
     * sign-in inserts its new authorization through {@link NewAuthorizations}, the path
     * the service takes; the refusal is there too.
     */
    private record RefusingStore(OAuth2AuthorizationService store,
            RefusedDevices refused) implements OAuth2AuthorizationService, NewAuthorizations {

        @Override
        public void save(OAuth2Authorization authorization) {
            refuseIfRefused(authorization);
            store.save(authorization);
        }

        @Override
        public void insert(OAuth2Authorization authorization) {
            refuseIfRefused(authorization);
            ((NewAuthorizations) store).insert(authorization);
        }

        private void refuseIfRefused(OAuth2Authorization authorization) {
            if (refused.refuses(authorization)) {
                throw new TransientDataAccessResourceException("The authorization store is unavailable");
            }
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            store.remove(authorization);
        }

        @Override
        public @Nullable OAuth2Authorization findById(String id) {
            return store.findById(id);
        }

        @Override
        public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
            return store.findByToken(token, tokenType);
        }
    }

}
