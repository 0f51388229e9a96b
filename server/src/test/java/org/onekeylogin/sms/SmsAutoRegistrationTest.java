package org.onekeylogin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With automatic registration switched on, an unknown number gets a code and an account
 * on its first use.
 */
@ServiceTest
@TestPropertySource(properties = "onekey.sms.auto-register=true")
class SmsAutoRegistrationTest {

    @Autowired
    SmsOutbox outbox;

    @Test
    void whenAnUnknownNumberVerifiesItsCodeThenAnAccountIsCreatedAndSignedIn(Api api) {
        String phone = SmsSignInEndToEndTest.newPhoneNumber();
        Map<String, Object> tv = Map.of("id", "tv-auto-register-1", "type", "tv", "name", "TV");
        assertThat(api.post("/api/v1/sign-in/sms-code", Map.of("phone_number", phone, "device", tv), null).status())
            .isEqualTo(202);
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox.latestFor(phone).orElseThrow().text());
        assertThat(code.find()).isTrue();

        Api.Response signedIn = api.post("/api/v1/sign-in/sms",
                Map.of("phone_number", phone, "code", code.group(1), "device", tv), null);
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
        Api.Response account = api.get("/api/v1/account", signedIn.at("/tokens/access_token"));
        assertThat(account.field("phone_number")).isEqualTo(phone);
        assertThat(account.field("display_name")).isEqualTo("User " + phone.substring(phone.length() - 4));
    }

}
