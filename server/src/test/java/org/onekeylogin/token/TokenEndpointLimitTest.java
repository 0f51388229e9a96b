package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.LimitsTest;

/**
 * The token endpoint counts requests per client and address before it authenticates
 * anyone.
 */
@LimitsTest
class TokenEndpointLimitTest {

    private static final String FORM = "grant_type=refresh_token&client_id=onekey-device&refresh_token=garbage";

    @Test
    void whenOneAddressSendsMoreTokenRequestsThanTheLimitThenTheRestAreRefusedInTheOAuthFormat(Api api) {
        for (int i = 0; i < 3; i++) {
            assertThat(refresh(api, "198.51.100.90").field("error")).isEqualTo("invalid_grant");
        }
        Api.Response fourth = refresh(api, "198.51.100.90");
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.field("error")).isEqualTo("temporarily_unavailable");
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isBetween(1L, 60L);

        assertThat(refresh(api, "198.51.100.91").field("error")).as("another address has its own count")
            .isEqualTo("invalid_grant");
    }

    private static Api.Response refresh(Api api, String address) {
        return api.raw("POST", "/oauth2/token", "application/x-www-form-urlencoded", FORM,
                Map.of("X-Forwarded-For", address));
    }

}
