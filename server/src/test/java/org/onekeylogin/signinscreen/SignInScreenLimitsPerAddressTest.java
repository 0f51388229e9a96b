package org.onekeylogin.signinscreen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.LimitsTest;
import org.onekeylogin.support.TestAccounts;

/**
 * What the sign-in screen may ask per address per minute: options, and password-less
 * sign-ins to a pick.
 */
@LimitsTest
class SignInScreenLimitsPerAddressTest {

    static final Map<String, Object> WIFI = Map.of("bssid", "a4:2b:b0:00:00:01", "security", "personal");

    static final Map<String, String> FROM = Map.of("X-Forwarded-For", "198.51.100.61");

    @Test
    void whenOneAddressAsksForOptionsTooOftenThenItIsRefusedWhateverTheDevice(Api api) {
        for (int i = 0; i < 3; i++) {
            assertThat(options(api).status()).isEqualTo(200);
        }
        Api.Response fourth = options(api);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.field("code")).isEqualTo("too_many_requests");
        assertThat(fourth.json().at("/details/retry_after_seconds").asInt()).isBetween(1, 60);
    }

    @Test
    void whenOneAddressTriesTooManyRecommendedSignInsThenItIsRefusedBeforeTheHandleIsLookedAt(Api api) {
        for (int i = 0; i < 2; i++) {
            assertThat(recommended(api).field("code")).isEqualTo("sign_in_choice_invalid");
        }
        assertThat(recommended(api).status()).isEqualTo(429);
    }

    private static Api.Response options(Api api) {
        return api.raw("POST", "/api/v1/sign-in-options", "application/json", Api.JSON.writeValueAsString(
                Map.of("device", Map.of("id", TestAccounts.unique("tv"), "type", "tv", "name", "TV"))), FROM);
    }

    private static Api.Response recommended(Api api) {
        return api
            .raw("POST", "/api/v1/sign-in/recommended", "application/json",
                    Api.JSON.writeValueAsString(Map.of("handle", "not-a-handle", "device",
                            Map.of("id", TestAccounts.unique("tv"), "type", "tv", "name", "TV"), "network", WIFI)),
                    FROM);
    }

}
