package org.onekeylogin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.LimitsTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMS limits hold when the requests arrive at the same moment: they are checked and
 * used in one step in the database (row locks on the number and the address, a
 * conditional update of the code's attempts).
 */
@LimitsTest
class SmsRacesTest {

    private static final int AT_ONCE = 50;

    private static final Map<String, Object> TV = Map.of("id", "tv-sms-race-01", "type", "tv", "name", "Den TV");

    @Autowired
    SmsOutbox outbox;

    final Api api;

    SmsRacesTest(Api api) {
        this.api = api;
    }

    @Test
    void whenFiftyCodesAreAskedForOneNumberAtOnceThenExactlyOneIsTexted() {
        for (int round = 0; round < 3; round++) {
            String phone = accountWithPhone();
            String address = "198.51.100." + (10 + round);
            List<Integer> statuses = Concurrently.run(AT_ONCE, i -> requestCode(phone, address).status());
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(AT_ONCE - 1);
            assertThat(outbox.recentFor(phone, 10)).hasSize(1);
        }
    }

    @Test
    void whenOneAddressAsksForManyNumbersAtOnceThenExactlyItsHourlyLimitGetsThrough() {
        for (int round = 0; round < 3; round++) {
            String address = "203.0.113." + (10 + round);
            List<Integer> statuses = Concurrently.run(20,
                    i -> requestCode(SmsSignInEndToEndTest.newPhoneNumber(), address).status());
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(17);
        }
    }

    @Test
    void whenFiftyGuessesArriveAtOnceThenAtMostFiveAreCompared() {
        for (int round = 0; round < 3; round++) {
            String phone = accountWithPhone();
            assertThat(requestCode(phone, "192.0.2." + (20 + round)).status()).isEqualTo(202);
            String code = codeSentTo(phone);
            String wrong = code.equals("000000") ? "000001" : "000000";
            // the right code is among the guesses, so a limit that let a sixth comparison
            // through could sign in
            List<Api.Response> answers = Concurrently.run(AT_ONCE, i -> verify(phone, i == AT_ONCE - 1 ? code : wrong));
            long compared = answers.stream()
                .filter(r -> r.status() == 200 || "wrong_sms_code".equals(r.field("code")))
                .count();
            long signedIn = answers.stream().filter(r -> r.status() == 200).count();
            assertThat(signedIn).isLessThanOrEqualTo(1);
            // five comparisons, or fewer when the right code won one of them and used the
            // code up
            assertThat(compared).isEqualTo(signedIn == 1 ? compared : 5).isBetween(1L, 5L);
            assertThat(answers).filteredOn(r -> r.status() != 200 && !"wrong_sms_code".equals(r.field("code")))
                .extracting(r -> r.field("code"))
                .isSubsetOf("sms_code_attempts_exceeded", "sms_code_invalid");
        }
    }

    private String accountWithPhone() {
        String phone = SmsSignInEndToEndTest.newPhoneNumber();
        Api.Response r = api.post("/api/v1/accounts", Map.of("login_name", TestAccounts.unique("sms-race"),
                "display_name", "Grandma", "password", TestAccounts.PASSWORD, "phone_number", phone), null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return phone;
    }

    private Api.Response requestCode(String phone, String address) {
        return api.raw("POST", "/api/v1/sign-in/sms-code", "application/json",
                Api.JSON.writeValueAsString(Map.of("phone_number", phone, "device", TV)),
                Map.of("X-Forwarded-For", address));
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

}
