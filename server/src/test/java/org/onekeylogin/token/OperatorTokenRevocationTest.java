package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;

/**
 * A back end's client-credentials token stops working at the operator API as soon as it
 * is revoked.
 */
@ServiceTest
class OperatorTokenRevocationTest {

    private static final String BACKEND = "onekey-backend";

    private static final String BACKEND_SECRET = "change-me-backend-secret";

    final Api api;

    final TestAccounts accounts;

    OperatorTokenRevocationTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenTheBackEndRevokesItsOperatorTokenThenTheOperatorApiRefusesIt() {
        TestAccounts.Account dad = accounts.register("dad");
        String revoked = operatorToken();
        String other = operatorToken();
        assertThat(standing(dad, revoked).status()).isEqualTo(200);

        Api.Response revocation = api.form("/oauth2/revoke",
                Api.fields("token", revoked, "token_type_hint", "access_token"), BACKEND, BACKEND_SECRET);
        assertThat(revocation.status()).as(revocation.text()).isEqualTo(200);

        Api.Response refused = standing(dad, revoked);
        assertThat(refused.status()).as(refused.text()).isEqualTo(401);
        assertThat(refused.field("code")).isEqualTo("invalid_token");
        assertThat(api.put("/api/v1/operator/networks/kind", Map.of(), revoked).status()).isEqualTo(401);
        assertThat(api.form("/oauth2/introspect", Api.fields("token", revoked), BACKEND, BACKEND_SECRET)
            .json()
            .path("active")
            .asBoolean()).isFalse();
        assertThat(standing(dad, other).status()).as("another token of the client still works").isEqualTo(200);
    }

    private Api.Response standing(TestAccounts.Account account, String token) {
        return api.put("/api/v1/operator/accounts/" + account.loginName() + "/standing",
                Map.of("status", "active", "membership_tier", "vip", "user_level", 12, "theft_risk_index", 0.1,
                        "sharer_count", 1, "offsite_sign_ins", 0),
                token);
    }

    private String operatorToken() {
        Api.Response token = api.form("/oauth2/token",
                Api.fields("grant_type", "client_credentials", "scope", "operator"), BACKEND, BACKEND_SECRET);
        assertThat(token.status()).as(token.text()).isEqualTo(200);
        return token.field("access_token");
    }

}
