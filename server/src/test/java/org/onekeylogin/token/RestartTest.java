package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.OneKeyApplication;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tokens issued before a restart keep working after it: the signing key and the
 * authorizations are stored. A stored key that cannot be read stops the start.
 */
class RestartTest {

    @Test
    void whenTheServiceRestartsOnTheSameDataThenEarlierTokensStillWork() {
        Map<String, Object> database = TestDatabase.fresh();
        TestAccounts.Device phone;
        try (ConfigurableApplicationContext first = start(database)) {
            Api api = new Api(port(first));
            phone = new TestAccounts(api).signIn(new TestAccounts(api).register("dad"), "phone", "Dad's phone");
        }

        try (ConfigurableApplicationContext second = start(database)) {
            Api api = new Api(port(second));
            assertThat(api.get("/api/v1/account", phone.accessToken()).status())
                .as("access token signed before the restart")
                .isEqualTo(200);

            Api.Response refreshed = api.form("/oauth2/token", Api.fields("grant_type", "refresh_token", "client_id",
                    "onekey-device", "refresh_token", phone.refreshToken()));
            assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
            assertThat(api.get("/api/v1/sessions", refreshed.field("access_token")).at("/sessions/0/id"))
                .isEqualTo(phone.sessionId());
        }
    }

    @Test
    void whenAStoredSigningKeyCannotBeReadThenTheServiceDoesNotStart() throws SQLException {
        Map<String, Object> database = TestDatabase.fresh();
        start(database).close();
        try (Connection c = DriverManager.getConnection((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"),
                (String) database.get("spring.datasource.password"))) {
            assertThat(c.createStatement().executeUpdate("UPDATE signing_key SET jwk = 'not a key' WHERE id = 'rsa'"))
                .isEqualTo(1);
        }

        // the keys are read while the rest of the service starts; the start still waits
        // for them
        assertThatThrownBy(() -> start(database).close()).hasStackTraceContaining("not a valid JWK");
    }

    /**
     * Passes the database as command-line arguments, which outrank the application's own
     * configuration.
     */
    private static ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        String[] args = properties.entrySet()
            .stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        return new SpringApplicationBuilder(OneKeyApplication.class).run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

}
