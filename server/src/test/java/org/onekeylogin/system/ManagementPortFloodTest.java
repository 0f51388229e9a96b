package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.HalfOpenConnections;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code management.server.port} set (as the README recommends for deployment),
 * health has a connector of its own: a client that fills every connection of the public
 * one does not make a healthy node look dead to its load balancer. The connection limit
 * is lowered here so that the test fills it with a few hundred connections.
 */
@ServiceTest
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the web server's connectors do not depend on the database")
@TestPropertySource(properties = { "management.server.port=0", "server.jetty.max-connections=200",
        "server.jetty.connection-idle-timeout=3s" })
class ManagementPortFloodTest {

    @Test
    void whenThePublicConnectorIsFullThenHealthStillAnswersOnTheManagementPort(Api api, TestAccounts accounts,
            ApplicationContext context) {
        TestAccounts.Device phone = accounts.signIn(accounts.register("full"), "phone", "Phone");
        int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
        ServerConnector publicConnector = publicConnector(context);
        try (HalfOpenConnections flood = HalfOpenConnections.open(publicConnector.getLocalPort(), 250, 0)) {
            assertThat(awaitConnections(publicConnector, 200)).as("the public connector is full").isEqualTo(200);

            Api.Response health = new Api(managementPort).get("/actuator/health", null);
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.field("status")).isEqualTo("UP");

            assertThat(flood.closedByServer(Duration.ofSeconds(60))).as("all dropped after the connection timeout")
                .isEqualTo(250);
        }
        Api.Response sessions = new Api(publicConnector.getLocalPort()).get("/api/v1/sessions", phone.accessToken());
        assertThat(sessions.status()).as(sessions.text()).isEqualTo(200);
    }

    private static ServerConnector publicConnector(ApplicationContext context) {
        var server = (JettyWebServer) ((WebServerApplicationContext) context).getWebServer();
        return (ServerConnector) server.getServer().getConnectors()[0];
    }

    /** Waits until Jetty has accepted {@code expected} connections (or 10 s passed). */
    private static long awaitConnections(ServerConnector connector, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (connector.getConnectedEndPoints().size() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return connector.getConnectedEndPoints().size();
    }

}
