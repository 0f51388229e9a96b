package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A confidential client's secret stays on its fast hash after the client authenticates:
 * Spring's client authentication re-encodes a secret whose encoding is not its encoder's
 * default, which once turned every token request of a back end into a bcrypt computation.
 */
@ServiceTest
class ClientSecretHashTest {

    @Autowired
    RegisteredClientRepository clients;

    @Test
    void whenABackEndAuthenticatesThenItsSecretIsStillStoredAsSha256(Api api) {
        for (int i = 0; i < 3; i++) {
            Api.Response token = api.form("/oauth2/token",
                    Api.fields("grant_type", "client_credentials", "scope", "introspect"), "onekey-backend",
                    "change-me-backend-secret");
            assertThat(token.status()).as(token.text()).isEqualTo(200);
        }
        assertThat(clients.findByClientId("onekey-backend").getClientSecret()).startsWith("{sha256}");
    }

}
