package org.onekeylogin.push.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onekeylogin.client.DeviceInfo;
import org.onekeylogin.client.DeviceType;
import org.onekeylogin.client.ErrorCode;
import org.onekeylogin.client.LoginOutcome;
import org.onekeylogin.client.LoginStarted;
import org.onekeylogin.client.OneKeyApiException;
import org.onekeylogin.client.OneKeyClient;
import org.onekeylogin.client.PushRegistration;
import org.onekeylogin.client.SessionClient;
import org.onekeylogin.client.SignedIn;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Platform pushes end to end: phones register over the API, a PC's sign-in request wakes
 * them through a local FCM (with Google's token endpoint, checking the service account's
 * signed assertion) and Pushy's mock APNs server (checking the ES256 provider token and
 * the device tokens), dead tokens remove their registration, and a push service that is
 * down delays the push, never the sign-in.
 */
@ServiceTest
class PlatformPushTest {

    static final LocalFcm FCM = new LocalFcm();

    static final LocalApns APNS = new LocalApns();

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) {
        registry.add("onekey.push.fcm.project-id", () -> LocalFcm.PROJECT);
        registry.add("onekey.push.fcm.credentials", () -> FCM.credentialsFile().toString());
        registry.add("onekey.push.fcm.base-url", FCM::baseUrl);
        registry.add("onekey.push.apns.team-id", () -> LocalApns.TEAM);
        registry.add("onekey.push.apns.key-id", () -> LocalApns.KEY_ID);
        registry.add("onekey.push.apns.signing-key", () -> APNS.signingKeyFile().toString());
        registry.add("onekey.push.apns.topic", () -> LocalApns.TOPIC);
        registry.add("onekey.push.apns.server", () -> "localhost");
        registry.add("onekey.push.apns.port", APNS::port);
        registry.add("onekey.push.apns.trusted-certificate", () -> APNS.certificateFile().toString());
        registry.add("onekey.push.delivery.first-backoff", () -> "PT0.1S");
        registry.add("onekey.push.delivery.poll-interval", () -> "PT0.2S");
    }

    @AfterAll
    static void stop() {
        FCM.close();
        APNS.close();
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PushDeliveries deliveries;

    final Api api;

    final TestAccounts accounts;

    final OneKeyClient onekey;

    PlatformPushTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
        this.onekey = OneKeyClient.builder(api.base()).build();
    }

    @Test
    void aPcsRequestSendsExactlyOneUrgentDataPushToEachRegisteredPhone() throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        String fcmToken = fcmToken();
        String apnsToken = apnsToken();
        SessionClient android = phoneOf(dad);
        SessionClient iphone = phoneOf(dad);
        SessionClient unregistered = phoneOf(dad);
        assertThat(android.registerPush(PushRegistration.fcm(fcmToken))).as("this service pushes to FCM").isTrue();
        assertThat(iphone.registerPush(PushRegistration.apns(apnsToken.toUpperCase()))).isTrue();

        Instant before = Instant.now();
        LoginStarted started = onekey.signIn().startLogin(dad.loginName(), device(DeviceType.PC, "Study PC"));
        assertThat(started.controlTerminals()).isEqualTo(3);

        eventually("one push reached each registered phone",
                () -> FCM.sentTo(fcmToken).size() == 1 && APNS.acceptedFor(apnsToken).size() == 1);
        String requestId = unregistered.pendingApprovals().get(0).requestId();

        var fcm = FCM.sentTo(fcmToken).get(0).message();
        assertThat(fcm.path("data").path("event_type").asString()).isEqualTo("login_request");
        assertThat(fcm.path("data").path("event_id").asString()).matches("\\d+");
        assertThat(fcm.path("data").properties()).as("data only: the event's id and type").hasSize(2);
        assertThat(fcm.has("notification")).isFalse();
        assertThat(fcm.path("android").path("priority").asString()).isEqualTo("HIGH");
        assertThat(fcm.path("android").path("collapse_key").asString()).isEqualTo("login-" + requestId);
        long ttl = Long.parseLong(fcm.path("android").path("ttl").asString().replace("s", ""));
        assertThat(ttl).as("lives as long as the request").isPositive().isLessThanOrEqualTo(started.expiresIn());

        var apns = APNS.acceptedFor(apnsToken).get(0);
        assertThat(apns.headers()).containsEntry("apns-priority", "10")
            .containsEntry("apns-push-type", "alert")
            .containsEntry("apns-collapse-id", "login-" + requestId)
            .containsEntry("apns-topic", LocalApns.TOPIC);
        assertThat(Long.parseLong(apns.headers().get("apns-expiration"))).isBetween(
                before.getEpochSecond() + started.expiresIn() - 5,
                Instant.now().getEpochSecond() + started.expiresIn() + 1);
        assertThat(apns.payload().path("event_type").asString()).isEqualTo("login_request");
        assertThat(apns.payload().path("aps").path("mutable-content").asInt()).isEqualTo(1);

        for (String payload : List.of(fcm.toString(), apns.payload().toString())) {
            assertThat(payload).as("no account name or code leaves with a push")
                .doesNotContain(dad.loginName())
                .doesNotContain("\"" + started.verificationCode() + "\"")
                .doesNotContain("Study PC");
        }
        assertThat(FCM.refusedCalls.get()).as("every call authenticated with the service account").isZero();

        // the app wakes, reads the request over the API and approves it
        CompletableFuture<LoginOutcome> outcome = CompletableFuture
            .supplyAsync(() -> onekey.signIn().awaitOutcome(started));
        android.approve(android.pendingApprovals().get(0).requestId(), started.verificationCode());
        assertThat(outcome.get(20, TimeUnit.SECONDS).isSignedIn()).isTrue();

        eventually("the other phones are told the request closed", () -> APNS.acceptedFor(apnsToken).size() == 2);
        var closed = APNS.acceptedFor(apnsToken).get(1);
        assertThat(closed.payload().path("event_type").asString()).isEqualTo("login_request_closed");
        assertThat(closed.headers()).containsEntry("apns-push-type", "background")
            .containsEntry("apns-priority", "5")
            .containsEntry("apns-collapse-id", "login-" + requestId);
        assertThat(closed.payload().path("aps").path("content-available").asInt()).isEqualTo(1);
        assertThat(FCM.sentTo(fcmToken)).as("the approving phone knows; nothing more for it").hasSize(1);
    }

    @Test
    void whenThePlatformCallsATokenDeadThenTheRegistrationIsRemoved() {
        TestAccounts.Account mum = accounts.register("mum");
        String deadFcm = fcmToken();
        FCM.deadTokens.add(deadFcm);
        String unknownToApple = HexFormat.of().formatHex(randomBytes(32));
        SessionClient android = phoneOf(mum);
        SessionClient iphone = phoneOf(mum);
        android.registerPush(PushRegistration.fcm(deadFcm));
        iphone.registerPush(PushRegistration.apns(unknownToApple));
        double unregisteredBefore = count("fcm", "unregistered") + count("apns", "unregistered");

        onekey.signIn().startLogin(mum.loginName(), device(DeviceType.PC, "PC"));

        eventually("both registrations are gone, and counted", () -> registrations(android) + registrations(iphone) == 0
                && count("fcm", "unregistered") + count("apns", "unregistered") >= unregisteredBefore + 2);
        assertThat(count("fcm", "unregistered") + count("apns", "unregistered")).isEqualTo(unregisteredBefore + 2);
        assertThat(android.pendingApprovals()).as("the request itself is untouched").hasSize(1);
        assertThat(api.get("/api/v1/push/registration", android.tokens().accessToken()).status()).isEqualTo(404);
    }

    @Test
    void whenFcmIsDownTheSignInGoesOnAndThePushFollowsOnceItIsBack() throws Exception {
        TestAccounts.Account kid = accounts.register("kid");
        String token = fcmToken();
        SessionClient android = phoneOf(kid);
        android.registerPush(PushRegistration.fcm(token));
        double retriedBefore = count("fcm", "retried");
        FCM.failures.set(2);

        LoginStarted started = onekey.signIn().startLogin(kid.loginName(), device(DeviceType.TV, "TV"));
        android.approve(android.pendingApprovals().get(0).requestId(), started.verificationCode());
        assertThat(onekey.signIn().awaitOutcome(started).isSignedIn()).as("a push service down stops no sign-in")
            .isTrue();

        eventually("delivered on the third try", () -> FCM.sentTo(token).size() == 1);
        assertThat(count("fcm", "retried")).isEqualTo(retriedBefore + 2);
    }

    @Test
    void aRegistrationIsValidatedReplacedAndForgottenAtSignOut() {
        TestAccounts.Account gran = accounts.register("gran");
        SessionClient phone = phoneOf(gran);
        String access = phone.tokens().accessToken();

        assertThat(api.put("/api/v1/push/registration", Map.of("platform", "fcm", "token", fcmToken()), null).status())
            .isEqualTo(401);
        assertValidationFailed(
                api.put("/api/v1/push/registration", Map.of("platform", "gcm", "token", fcmToken()), access),
                "platform");
        assertValidationFailed(
                api.put("/api/v1/push/registration", Map.of("platform", "fcm", "token", "short"), access), "token");
        assertValidationFailed(api.put("/api/v1/push/registration",
                Map.of("platform", "fcm", "token", "x".repeat(40) + "<script>"), access), "token");
        assertValidationFailed(api.put("/api/v1/push/registration", Map.of("platform", "apns", "token", "abc"), access),
                "token");
        assertValidationFailed(api.put("/api/v1/push/registration", Map.of("platform", "apns"), access), "token");
        assertThatThrownBy(() -> phone.registerPush(PushRegistration.apns("zz".repeat(32)))).isInstanceOfSatisfying(
                OneKeyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(api.get("/api/v1/push/registration", access).status()).isEqualTo(404);

        phone.registerPush(PushRegistration.fcm(fcmToken()));
        String apnsToken = apnsToken();
        phone.registerPush(PushRegistration.apns(apnsToken));
        Api.Response current = api.get("/api/v1/push/registration", access);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.field("platform")).isEqualTo("apns");
        assertThat(current.json().path("delivered").asBoolean()).isTrue();
        assertThat(registrations(phone)).as("replaced, not added").isEqualTo(1);
        phone.unregisterPush();
        assertThat(api.get("/api/v1/push/registration", access).status()).as("forgotten on request").isEqualTo(404);
        phone.unregisterPush();
        phone.registerPush(PushRegistration.apns(apnsToken));

        String sessionId = phone.tokens().sessionId();
        phone.signOutThisDevice();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM push_registration WHERE session_id = ?")
            .param(sessionId)
            .query(Integer.class)
            .single()).as("forgotten at sign-out").isZero();
        eventually("the signed-out phone is told through its push",
                () -> APNS.acceptedFor(apnsToken)
                    .stream()
                    .anyMatch(a -> a.payload().path("event_type").asString().equals("signed_out")));
    }

    @Test
    void registrationsRacingASignOutNeverOutliveTheSession() {
        for (int round = 0; round < 3; round++) {
            SessionClient phone = phoneOf(accounts.register("racer"));
            String access = phone.tokens().accessToken();
            String sessionId = phone.tokens().sessionId();
            List<Integer> statuses = Concurrently
                .run(21, i -> i == 10 ? api.delete("/api/v1/sessions/current", access).status()
                        : api.put("/api/v1/push/registration", Map.of("platform", "fcm", "token", fcmToken()), access)
                            .status());
            assertThat(statuses).as("registered, or refused as signed out; never a server error")
                .allMatch(s -> s == 200 || s == 204 || s == 401);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM push_registration WHERE session_id = ?")
                .param(sessionId)
                .query(Integer.class)
                .single()).isZero();
        }
    }

    @Test
    void nodesClaimingAtOnceTakeEachPushOnce() {
        SessionClient phone = phoneOf(accounts.register("claims"));
        phone.registerPush(PushRegistration.fcm(fcmToken()));
        String sessionId = phone.tokens().sessionId();
        // due tomorrow, so the service's own dispatcher leaves them to this test
        // whole seconds: the databases keep microseconds, rounded
        Instant tomorrow = Instant.now().plus(java.time.Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 60; i++) {
            assertThat(deliveries.queueFor(sessionId, 1_000_000 + i, "race", false, null, tomorrow.plusSeconds(3600),
                    tomorrow, java.util.Set.of(PushPlatform.FCM)))
                .isEqualTo(1);
        }
        List<Long> claimed = new java.util.ArrayList<>();
        for (int round = 0; round < 10 && claimed.size() < 60; round++) {
            Concurrently.run(10, i -> deliveries.claimDue(tomorrow, tomorrow.plusSeconds(30), 20))
                .forEach(batch -> batch.forEach(d -> claimed.add(d.eventId())));
        }
        assertThat(claimed).as("every push claimed, none twice").hasSize(60).doesNotHaveDuplicates();
        assertThat(deliveries.claimDue(tomorrow, tomorrow.plusSeconds(30), 100)).as("claimed ones wait for their claim")
            .isEmpty();
        assertThat(deliveries.claimDue(tomorrow.plusSeconds(31), tomorrow.plusSeconds(60), 100))
            .as("a claim that ran out is taken again, as the next attempt")
            .hasSize(60)
            .allMatch(d -> d.attempt() == 2);
        jdbc.sql("DELETE FROM push_delivery WHERE session_id = ?").param(sessionId).update();
    }

    private static void assertValidationFailed(Api.Response response, String field) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.field("code")).isEqualTo("validation_failed");
        assertThat(response.at("/details/field")).isEqualTo(field);
    }

    private int registrations(SessionClient phone) {
        return jdbc.sql("SELECT COUNT(*) FROM push_registration WHERE session_id = ?")
            .param(phone.tokens().sessionId())
            .query(Integer.class)
            .single();
    }

    private double count(String platform, String outcome) {
        var counter = meters.find("onekey.push.platform.sent").tags("platform", platform, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private SessionClient phoneOf(TestAccounts.Account account) {
        SignedIn signedIn = onekey.signIn()
            .signInWithPassword(account.loginName(), TestAccounts.PASSWORD, device(DeviceType.PHONE, "Phone"));
        return onekey.signedIn(TestAccounts.unique("phone"), signedIn);
    }

    private static DeviceInfo device(DeviceType type, String name) {
        return DeviceInfo.builder(TestAccounts.unique(type.wireName() + "-device"), type, name).build();
    }

    /** An FCM-like registration token: 163 characters of its alphabet. */
    private static String fcmToken() {
        return "f" + HexFormat.of().formatHex(randomBytes(10)) + ":APA91b"
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(100)).substring(0, 134);
    }

    /** A device token Pushy's mock server knows. */
    private static String apnsToken() {
        String token = HexFormat.of().formatHex(randomBytes(32));
        APNS.validTokens.add(token);
        return token;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 15 s: " + what);
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

}
