package org.onekeylogin.signinscreen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.test.context.TestPropertySource;

/**
 * What the sign-in screen may ask per address per minute: options, and password-less
 * sign-ins to a pick.
 */
@ServiceTest
@TestPropertySource(properties = { "onekey.sign-in.options-per-ip-per-minute=3",
        "onekey.sign-in.recommended-sign-ins-per-ip-per-minute=2" })
class SignInScreenLimitsPerAddressTest {

    static final Map<String, Object> WIFI = Map.of("bssid", "a4:2b:b0:00:00:01", "security", "personal");

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
        return api.post("/api/v1/sign-in-options",
                Map.of("device", Map.of("id", TestAccounts.unique("tv"), "type", "tv", "name", "TV")), null);
    }

    private static Api.Response recommended(Api api) {
        return api.post("/api/v1/sign-in/recommended", Map.of("handle", "not-a-handle", "device",
                Map.of("id", TestAccounts.unique("tv"), "type", "tv", "name", "TV"), "network", WIFI), null);
    }

}
