package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onekeylogin.sms.SmsOutbox;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The client library against the running service, used on both sides: the TV or PC that
 * signs in and the phone that approves, as the apps use it.
 */
@ServiceTest
class ClientSignInEndToEndTest {

    @Autowired
    TestClock clock;

    @Autowired
    SmsOutbox outbox;

    final Api api;

    final TestAccounts accounts;

    final OneKeyClient onekey;

    ClientSignInEndToEndTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
        this.onekey = OneKeyClient.builder(api.base()).build();
    }

    @Test
    void whenThePhoneApprovesWithTheCodeThenThePcsAwaitedOutcomeCarriesWorkingTokens() throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        SessionClient phone = phoneOf(dad);
        DeviceInfo pc = device(DeviceType.PC, "Windows PC");

        LoginStarted started = onekey.signIn().startLogin(dad.loginName(), pc);
        assertThat(started.verificationCode()).matches("\\d{2}");
        assertThat(started.controlTerminals()).isEqualTo(1);
        LoginStatus waiting = onekey.signIn().loginStatus(started, 0);
        assertThat(waiting.isPending()).as("nobody answered yet").isTrue();
        assertThat(waiting.expiresIn()).isPositive().isLessThanOrEqualTo(started.expiresIn());
        CompletableFuture<LoginOutcome> outcome = CompletableFuture
            .supplyAsync(() -> onekey.signIn().awaitOutcome(started));

        List<PendingApproval> pending = phone.pendingApprovals();
        assertThat(pending).hasSize(1);
        PendingApproval request = pending.get(0);
        assertThat(request.requester().name()).isEqualTo("Windows PC");
        assertThat(request.account().loginName()).isEqualTo(dad.loginName());
        assertThat(request.codeLength()).isEqualTo(2);
        assertThat(outcome).as("the PC is still waiting in its long poll").isNotDone();
        phone.approve(request.requestId(), started.verificationCode());

        LoginOutcome done = outcome.get(20, TimeUnit.SECONDS);
        assertThat(done.isSignedIn()).as(done.status()).isTrue();
        assertThat(done.signedIn().session().method()).isEqualTo("phone_approval");
        SessionClient pcSession = onekey.signedIn(TestAccounts.unique("pc"), done.signedIn());
        assertThat(pcSession.account().loginName()).isEqualTo(dad.loginName());
        assertThat(pcSession.tokens().sessionId()).isEqualTo(done.signedIn().session().id());

        assertThatThrownBy(() -> onekey.signIn().collectSession(started)).as("tokens are collected once")
            .isInstanceOfSatisfying(OneKeyApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_REQUEST_ALREADY_USED));
    }

    @Test
    void whenThePhoneDeclinesOrTypesAWrongCodeOrThePcCancelsThenTheOutcomeSaysSo() {
        TestAccounts.Account mum = accounts.register("mum");
        SessionClient phone = phoneOf(mum);
        SignInClient signIn = onekey.signIn();

        LoginStarted mistake = signIn.startLogin(mum.loginName(), device(DeviceType.PC, "PC"));
        phone.deny(only(phone).requestId(), DenyReason.MISTAKE);
        LoginOutcome denied = signIn.awaitOutcome(mistake);
        assertThat(denied.isSignedIn()).isFalse();
        assertThat(denied.status()).isEqualTo("denied");
        assertThat(denied.reason()).isEqualTo("mistake");

        LoginStarted typo = signIn.startLogin(mum.loginName(), device(DeviceType.PC, "PC"));
        String wrong = typo.verificationCode().equals("00") ? "01" : "00";
        String requestId = only(phone).requestId();
        assertThatThrownBy(() -> phone.approve(requestId, wrong)).isInstanceOfSatisfying(OneKeyApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_VERIFICATION_CODE));
        assertThat(signIn.awaitOutcome(typo).status()).isEqualTo("failed");

        LoginStarted walkedAway = signIn.startLogin(mum.loginName(), device(DeviceType.PC, "PC"));
        signIn.cancelLogin(walkedAway);
        signIn.cancelLogin(walkedAway);
        assertThat(signIn.awaitOutcome(walkedAway).status()).isEqualTo("cancelled");
        assertThat(phone.pendingApprovals()).isEmpty();
    }

    @Test
    void whenAnAccountHasNoPhoneThenStartingIsRefusedWithTheFallbacks() {
        TestAccounts.Account alone = accounts.register("alone");
        assertThatThrownBy(() -> onekey.signIn().startLogin(alone.loginName(), device(DeviceType.TV, "TV")))
            .isInstanceOfSatisfying(OneKeyApiException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_CONTROL_TERMINAL);
                assertThat(e.httpStatus()).isEqualTo(409);
                assertThat(e.details()).containsKey("fallbacks");
            });
    }

    @Test
    void whenThePhoneApprovesTheQrCodeThenTheTvsPollGetsTokensForThePhonesAccount() {
        TestAccounts.Account dad = accounts.register("dad");
        SessionClient phone = phoneOf(dad);
        DeviceInfo tv = device(DeviceType.TV, "Living-room TV");

        DeviceGrant grant = onekey.signIn().startDeviceGrant(tv);
        assertThat(grant.userCode()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(grant.verificationUriComplete()).isEqualTo(api.base() + "/link?user_code=" + grant.userCode());
        assertThat(onekey.signIn().pollDeviceGrant(grant)).as("not approved yet").isEmpty();

        DeviceCodeDetails shown = phone.deviceCode(grant.userCode().replace("-", "").toLowerCase());
        assertThat(shown.deviceName()).isEqualTo("Living-room TV");
        assertThat(shown.deviceType()).isEqualTo("tv");
        phone.approveDeviceCode(grant.userCode());

        Tokens tokens = onekey.signIn().awaitDeviceGrant(grant);
        SessionClient tvSession = onekey.signedIn(TestAccounts.unique("tv"), tokens);
        assertThat(tvSession.account().loginName()).isEqualTo(dad.loginName());
        assertThat(phone.sessions()).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo(tokens.sessionId());
            assertThat(s.method()).isEqualTo("qr_code");
            assertThat(s.device().name()).isEqualTo("Living-room TV");
            assertThat(s.thisDevice()).isFalse();
        });
    }

    @Test
    void whenThePhoneDeniesTheQrCodeThenTheTvIsToldAccessDenied() {
        SessionClient phone = phoneOf(accounts.register("mum"));
        DeviceGrant grant = onekey.signIn().startDeviceGrant(device(DeviceType.TV, "TV"));
        phone.denyDeviceCode(grant.userCode());
        assertThatThrownBy(() -> onekey.signIn().awaitDeviceGrant(grant)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.error()).isEqualTo(OAuthException.ACCESS_DENIED));
        assertThatThrownBy(() -> phone.deviceCode("BCDF-GHJK")).isInstanceOfSatisfying(OneKeyApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_CODE_NOT_FOUND));
    }

    @Test
    void whenTheTvPicksAnAccountFromItsSignInScreenThenThatAccountsPhoneApprovesIt() {
        TestAccounts.Account dad = accounts.register("dad");
        SessionClient phone = phoneOf(dad);
        DeviceInfo tv = device(DeviceType.TV, "Living-room TV");
        onekey.signIn().signInWithPassword(dad.loginName(), TestAccounts.PASSWORD, tv);

        SignInOptions screen = onekey.signIn().signInOptions(tv, null);
        assertThat(screen.accounts()).hasSize(1);
        SignInOptions.OfferedAccount tile = screen.accounts().get(0);
        assertThat(tile.source()).isEqualTo("history");
        assertThat(tile.maskedName()).doesNotContain(dad.loginName());
        assertThat(tile.signedIn()).isTrue();
        assertThat(screen.methods()).extracting(SignInOptions.Method::method).containsExactly("qr_code", "sms_code");

        LoginStarted started = onekey.signIn().pickAccount(tile.handle(), tv);
        phone.approve(only(phone).requestId(), started.verificationCode());
        LoginOutcome outcome = onekey.signIn().awaitOutcome(started);
        assertThat(outcome.isSignedIn()).isTrue();
        assertThatThrownBy(() -> onekey.signIn().pickAccount(tile.handle(), tv)).as("a handle works once")
            .isInstanceOfSatisfying(OneKeyApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGN_IN_CHOICE_INVALID));
    }

    @Test
    void whenTheTvOfAHomeIsOfferedTheFamilysAccountThenItSignsInToItWithoutAPhone() {
        TestAccounts.Account dad = accounts.register("dad");
        NetworkReport home = NetworkReport.builder()
            .ssid("Home")
            .bssid(randomMac("a4:2b:b0"))
            .gatewayMac(randomMac("f8:1a:67"))
            .security(WifiSecurity.PERSONAL)
            .build();
        DeviceInfo dadsPhone = device(DeviceType.PHONE, "Dad's phone");
        for (int day = 0; day <= 21; day++) {
            if (day % 3 == 0) {
                onekey.signIn().signInWithPassword(dad.loginName(), TestAccounts.PASSWORD, dadsPhone, home);
            }
            if (day < 21) {
                clock.advance(Duration.ofDays(1));
            }
        }
        DeviceInfo tv = device(DeviceType.TV, "Living-room TV");

        SignInOptions screen = onekey.signIn().signInOptions(tv, home);
        assertThat(screen.network().kind()).isEqualTo("home");
        assertThat(screen.accounts()).hasSize(1);
        assertThat(screen.accounts().get(0).source()).isEqualTo("recommendation");

        SignedIn signedIn = onekey.signIn().signInRecommended(screen.accounts().get(0).handle(), tv, home);
        assertThat(signedIn.session().method()).isEqualTo("recommendation");
        assertThat(onekey.signedIn(TestAccounts.unique("tv"), signedIn).account().loginName())
            .isEqualTo(dad.loginName());
    }

    @Test
    void whenTheTextedCodeIsTypedThenTheDeviceIsSignedInAndAWrongCodeIsTyped() {
        String number = "+4477009" + String.format("%05d", (int) (Math.random() * 100_000));
        Api.Response registered = api.post("/api/v1/accounts",
                java.util.Map.of("login_name", TestAccounts.unique("sms"), "display_name", "Gran", "password",
                        TestAccounts.PASSWORD, "phone_number", number),
                null);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        DeviceInfo tv = device(DeviceType.TV, "Gran's TV");

        SmsCodeSent sent = onekey.signIn().requestSmsCode(number, tv);
        assertThat(sent.expiresIn()).isEqualTo(300);
        assertThat(sent.resendAfter()).isEqualTo(60);
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox.latestFor(number).orElseThrow().text());
        assertThat(code.find()).isTrue();
        String wrong = code.group(1).equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> onekey.signIn().signInWithSms(number, wrong, tv)).isInstanceOfSatisfying(
                OneKeyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_SMS_CODE));

        SignedIn signedIn = onekey.signIn().signInWithSms(number, code.group(1), tv);
        assertThat(signedIn.session().method()).isEqualTo("sms_code");
        assertThat(signedIn.tokens().refreshToken()).isNotBlank();
    }

    @Test
    void whenThePasswordIsWrongThenTheRefusalIsTyped() {
        TestAccounts.Account dad = accounts.register("dad");
        assertThatThrownBy(() -> onekey.signIn()
            .signInWithPassword(dad.loginName(), "not the password", device(DeviceType.PHONE, "Phone")))
            .isInstanceOfSatisfying(OneKeyApiException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                assertThat(e.httpStatus()).isEqualTo(401);
            });
    }

    @Test
    void whenThePhoneChangesItsSettingsAndBindsAChildThenTheServiceKeepsThem() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Account kid = accounts.register("kid");
        SessionClient phone = phoneOf(dad);

        Account changed = phone.updateConsents(false, true);
        assertThat(changed.consents().mayRecommend()).isFalse();
        assertThat(changed.consents().mayAutoSignIn()).isTrue();
        assertThat(phone.account().consents().mayRecommend()).isFalse();

        Account bound = phone.bindAccount(kid.loginName(), TestAccounts.PASSWORD);
        assertThat(bound.loginName()).isEqualTo(kid.loginName());
        LoginStarted kidsPc = onekey.signIn().startLogin(kid.loginName(), device(DeviceType.PC, "Kid's PC"));
        PendingApproval request = only(phone);
        assertThat(request.account().viaBinding()).isTrue();
        phone.approve(request.requestId(), kidsPc.verificationCode());
        assertThat(onekey.signIn().awaitOutcome(kidsPc).isSignedIn()).isTrue();

        SessionClient kidsPhone = phoneOf(kid);
        Bindings ofKid = kidsPhone.bindings();
        assertThat(ofKid.controlledBy()).hasSize(1);
        assertThat(ofKid.controls()).isEmpty();
        Binding toDad = ofKid.controlledBy().get(0);
        assertThat(toDad.account().id()).isEqualTo(dad.id());
        assertThat(toDad.since()).isNotNull();
        assertThat(phone.bindings().controls()).extracting(Binding::id).containsExactly(toDad.id());
        kidsPhone.unbind(toDad.id());
        assertThat(phone.bindings().controls()).isEmpty();
        assertThatThrownBy(() -> phone.unbind(toDad.id())).isInstanceOf(OneKeyApiException.class)
            .satisfies(e -> assertThat(((OneKeyApiException) e).code()).isEqualTo(ErrorCode.BINDING_NOT_FOUND));

        phone.reportNetwork(NetworkReport.builder().bssid(randomMac("a4:2b:b0")).security(WifiSecurity.OPEN).build());
    }

    @Test
    void whenThePhoneSaysThatWasntMeAboutASignedInDeviceThenItIsSignedOutAndBlocked() {
        TestAccounts.Account mum = accounts.register("mum");
        SessionClient phone = phoneOf(mum);
        DeviceInfo strangersPc = device(DeviceType.PC, "Unknown PC");
        SignedIn stranger = onekey.signIn().signInWithPassword(mum.loginName(), TestAccounts.PASSWORD, strangersPc);

        phone.notMe(stranger.session().id());

        assertThat(phone.sessions()).extracting(Session::id).doesNotContain(stranger.session().id());
        assertThatThrownBy(() -> onekey.signIn().startLogin(mum.loginName(), strangersPc))
            .isInstanceOfSatisfying(OneKeyApiException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.REQUESTER_BLOCKED);
                assertThat(e.retryAfter()).isPresent();
            });
    }

    @Test
    void whenThePhoneSaysThatWasntMeToARequestThenThePcIsToldAndBlocked() {
        TestAccounts.Account mum = accounts.register("mum");
        SessionClient phone = phoneOf(mum);
        DeviceInfo pc = device(DeviceType.PC, "Unknown PC");
        LoginStarted started = onekey.signIn().startLogin(mum.loginName(), pc);

        phone.deny(only(phone).requestId(), DenyReason.NOT_ME);

        LoginOutcome outcome = onekey.signIn().awaitOutcome(started);
        assertThat(outcome.status()).isEqualTo("denied");
        assertThat(outcome.reason()).isEqualTo("not_me");
        assertThatThrownBy(() -> onekey.signIn().startLogin(mum.loginName(), pc)).isInstanceOfSatisfying(
                OneKeyApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUESTER_BLOCKED));
    }

    @Test
    void whenADeviceSignsItselfOutThenItsTokensAreForgottenAndRefused() {
        TestAccounts.Account dad = accounts.register("dad");
        String key = TestAccounts.unique("pc");
        SignedIn signedIn = onekey.signIn()
            .signInWithPassword(dad.loginName(), TestAccounts.PASSWORD, device(DeviceType.PC, "PC"));
        SessionClient pc = onekey.signedIn(key, signedIn);

        pc.signOutThisDevice();

        assertThatThrownBy(pc::account).isInstanceOf(SignedOutException.class);
        assertThat(api.get("/api/v1/account", signedIn.tokens().accessToken()).status()).isEqualTo(401);
    }

    private SessionClient phoneOf(TestAccounts.Account account) {
        SignedIn signedIn = onekey.signIn()
            .signInWithPassword(account.loginName(), TestAccounts.PASSWORD, device(DeviceType.PHONE, "Phone"));
        return onekey.signedIn(TestAccounts.unique("phone"), signedIn);
    }

    private static PendingApproval only(SessionClient phone) {
        List<PendingApproval> pending = phone.pendingApprovals();
        assertThat(pending).hasSize(1);
        return pending.get(0);
    }

    static DeviceInfo device(DeviceType type, String name) {
        return DeviceInfo.builder(TestAccounts.unique(type.wireName() + "-device"), type, name)
            .os("Test OS")
            .appVersion("1.0")
            .build();
    }

    static String randomMac(String prefix) {
        String suffix = String.format("%06x", (int) (Math.random() * 0xffffff));
        return prefix + ":" + suffix.substring(0, 2) + ":" + suffix.substring(2, 4) + ":" + suffix.substring(4, 6);
    }

}
