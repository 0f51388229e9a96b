package org.onekeylogin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.LimitsTest;

/** Codes per requesting address per hour, whatever numbers are asked for. */
@LimitsTest
class SmsLimitsPerAddressTest {

    private static final Map<String, Object> TV = Map.of("id", "tv-sms-limit-01", "type", "tv", "name", "TV");

    @Test
    void whenOneAddressAsksForTooManyCodesThenItIsRefusedWhateverTheNumber(Api api) {
        for (int i = 0; i < 3; i++) {
            assertThat(requestCode(api, SmsSignInEndToEndTest.newPhoneNumber()).status()).isEqualTo(202);
        }
        Api.Response fourth = requestCode(api, SmsSignInEndToEndTest.newPhoneNumber());
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.field("message")).contains("from here");
    }

    private static Api.Response requestCode(Api api, String phone) {
        return api.raw("POST", "/api/v1/sign-in/sms-code", "application/json",
                Api.JSON.writeValueAsString(Map.of("phone_number", phone, "device", TV)),
                Map.of("X-Forwarded-For", "198.51.100.60"));
    }

}
