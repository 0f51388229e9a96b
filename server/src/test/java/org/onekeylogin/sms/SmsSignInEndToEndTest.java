package org.onekeylogin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Phone number + SMS code sign-in over real HTTP; codes are read from the outbox gateway.
 */
@ServiceTest
class SmsSignInEndToEndTest {

    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private static final Map<String, Object> TV = Map.of("id", "tv-sms-test-01", "type", "tv", "name", "Bedroom TV");

    @Autowired
    TestClock clock;

    @Autowired
    SmsOutbox outbox;

    final Api api;

    SmsSignInEndToEndTest(Api api) {
        this.api = api;
    }

    @Test
    void whenTheRightCodeIsTypedThenTheTvIsSignedInToThatNumbersAccount() {
        String phone = accountWithPhone();
        Api.Response requested = requestCode(phone);
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        assertThat(requested.json().path("expires_in").asInt()).isEqualTo(300);
        assertThat(requested.json().path("resend_after").asInt()).isEqualTo(60);

        Api.Response signedIn = verify(phone, codeSentTo(phone));
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
        assertThat(signedIn.at("/session/method")).isEqualTo("sms_code");
        assertThat(api.get("/api/v1/account", signedIn.at("/tokens/access_token")).field("phone_number"))
            .isEqualTo(phone);
        assertThat(verify(phone, codeSentTo(phone)).field("code")).as("single use").isEqualTo("sms_code_invalid");
    }

    @Test
    void whenAWrongCodeIsTypedThenItIsRefusedAndTheRightOneStillWorks() {
        String phone = accountWithPhone();
        requestCode(phone);
        String code = codeSentTo(phone);
        Api.Response wrong = verify(phone, other(code));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.field("code")).isEqualTo("wrong_sms_code");
        assertThat(wrong.field("message")).contains("4 tries left");
        assertThat(verify(phone, code).status()).isEqualTo(200);
    }

    @Test
    void whenFiveWrongCodesWereTypedThenEvenTheRightOneIsRefused() {
        String phone = accountWithPhone();
        requestCode(phone);
        String code = codeSentTo(phone);
        for (int i = 0; i < 5; i++) {
            assertThat(verify(phone, other(code)).field("code")).isEqualTo("wrong_sms_code");
        }
        Api.Response blocked = verify(phone, code);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.field("code")).isEqualTo("sms_code_attempts_exceeded");
    }

    @Test
    void whenTheCodeIsOlderThanFiveMinutesThenItHasExpired() {
        String phone = accountWithPhone();
        requestCode(phone);
        // read before the clock moves: the outbox forgets texts older than a code lives
        String code = codeSentTo(phone);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        Api.Response late = verify(phone, code);
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.field("code")).isEqualTo("sms_code_expired");
    }

    @Test
    void whenATextIsOlderThanACodeLivesThenTheOutboxForgetsIt() {
        String phone = accountWithPhone();
        requestCode(phone);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        outbox.forgetExpired();
        assertThat(outbox.latestFor(phone)).as("still within the code's lifetime").isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(outbox.forgetExpired()).isPositive();
        assertThat(outbox.latestFor(phone)).isEmpty();
    }

    @Test
    void whenAnotherCodeIsAskedWithinAMinuteThenItIsRefusedUntilTheMinuteHasPassed() {
        String phone = accountWithPhone();
        requestCode(phone);
        Api.Response early = requestCode(phone);
        assertThat(early.status()).isEqualTo(429);
        assertThat(Long.parseLong(early.header("Retry-After"))).isBetween(1L, 60L);
        clock.advance(Duration.ofSeconds(61));
        assertThat(requestCode(phone).status()).isEqualTo(202);
    }

    @Test
    void whenASixthCodeIsAskedWithinAnHourThenItIsRefused() {
        String phone = accountWithPhone();
        for (int i = 0; i < 5; i++) {
            assertThat(requestCode(phone).status()).isEqualTo(202);
            clock.advance(Duration.ofSeconds(61));
        }
        Api.Response sixth = requestCode(phone);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.field("message")).contains("this number");
    }

    @Test
    void whenTheNumberHasNoAccountThenTheRequestLooksTheSameButNothingIsSentAndVerifySaysSo() {
        String known = accountWithPhone();
        String unknown = newPhoneNumber();
        Api.Response forKnown = requestCode(known);
        Api.Response forUnknown = requestCode(unknown);
        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.text()).isEqualTo(forKnown.text());
        assertThat(outbox.latestFor(unknown)).as("no text to a number without an account").isEmpty();

        Api.Response verified = verify(unknown, "123456");
        assertThat(verified.status()).isEqualTo(404);
        assertThat(verified.field("code")).isEqualTo("unknown_phone_number");
    }

    private String accountWithPhone() {
        String phone = newPhoneNumber();
        Api.Response r = api.post("/api/v1/accounts", Map.of("login_name", TestAccounts.unique("sms"), "display_name",
                "Grandma", "password", TestAccounts.PASSWORD, "phone_number", phone), null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return phone;
    }

    static String newPhoneNumber() {
        return "+44" + String.format("%010d", NUMBERS.incrementAndGet() % 10_000_000_000L);
    }

    private Api.Response requestCode(String phone) {
        return api.post("/api/v1/sign-in/sms-code", Map.of("phone_number", phone, "device", TV), null);
    }

    private Api.Response verify(String phone, String code) {
        return api.post("/api/v1/sign-in/sms", Map.of("phone_number", phone, "code", code, "device", TV), null);
    }

    private String codeSentTo(String phone) {
        String text = outbox.latestFor(phone).orElseThrow().text();
        Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static String other(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

}
