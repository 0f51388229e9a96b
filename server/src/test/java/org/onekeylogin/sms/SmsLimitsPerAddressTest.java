package org.onekeylogin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.springframework.test.context.TestPropertySource;

/** Codes per requesting address per hour, whatever numbers are asked for. */
@ServiceTest
@TestPropertySource(properties = "onekey.sms.codes-per-ip-per-hour=3")
class SmsLimitsPerAddressTest {

    @Test
    void whenOneAddressAsksForTooManyCodesThenItIsRefusedWhateverTheNumber(Api api) {
        Map<String, Object> tv = Map.of("id", "tv-sms-limit-01", "type", "tv", "name", "TV");
        for (int i = 0; i < 3; i++) {
            assertThat(api
                .post("/api/v1/sign-in/sms-code",
                        Map.of("phone_number", SmsSignInEndToEndTest.newPhoneNumber(), "device", tv), null)
                .status()).isEqualTo(202);
        }
        Api.Response fourth = api.post("/api/v1/sign-in/sms-code",
                Map.of("phone_number", SmsSignInEndToEndTest.newPhoneNumber(), "device", tv), null);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.field("message")).contains("from here");
    }

}
