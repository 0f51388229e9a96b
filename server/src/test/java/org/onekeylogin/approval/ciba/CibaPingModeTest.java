package org.onekeylogin.approval.ciba;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * CIBA ping mode: once the user approves, the service calls the client's registered
 * notification endpoint (a real HTTP server started by this test) with the client's
 * notification token, and the client then collects the tokens.
 */
@ServiceTest
class CibaPingModeTest {

    record Ping(String authorization, String body) {
    }

    static final BlockingQueue<Ping> PINGS = new LinkedBlockingQueue<>();
    static final HttpServer CLIENT_BACKEND = startClientBackend();
    static final ClientSecretBasic CLIENT = new ClientSecretBasic(new ClientID("ping-client"),
            new Secret("ping-client-secret"));

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("onekey.clients[0].client-id", () -> "onekey-device");
        registry.add("onekey.clients[0].public-client", () -> "true");
        registry.add("onekey.clients[0].grant-types", () -> "refresh_token");
        registry.add("onekey.clients[0].scopes", () -> "openid,profile");
        registry.add("onekey.clients[1].client-id", () -> "ping-client");
        registry.add("onekey.clients[1].client-secret", () -> "ping-client-secret");
        registry.add("onekey.clients[1].grant-types", () -> "urn:openid:params:grant-type:ciba,refresh_token");
        registry.add("onekey.clients[1].scopes", () -> "openid,profile");
        registry.add("onekey.clients[1].backchannel-notification-endpoint",
                () -> "http://localhost:" + CLIENT_BACKEND.getAddress().getPort() + "/ciba/ping");
    }

    @AfterAll
    static void stop() {
        CLIENT_BACKEND.stop(0);
    }

    @Test
    void whenTheUserApprovesThenTheClientIsPingedAndCollectsItsTokens(Api api, TestAccounts accounts) throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");

        HTTPResponse withoutToken = new CIBARequest.Builder(CLIENT, new Scope("openid"))
            .endpointURI(URI.create(api.base() + "/oauth2/bc-authorize"))
            .loginHint(dad.loginName())
            .build()
            .toHTTPRequest()
            .send();
        assertThat(withoutToken.getBodyAsJSONObject().getAsString("error"))
            .as("ping clients must send client_notification_token")
            .isEqualTo("invalid_request");

        HTTPResponse raw = new CIBARequest.Builder(CLIENT, new Scope("openid"))
            .endpointURI(URI.create(api.base() + "/oauth2/bc-authorize"))
            .loginHint(dad.loginName())
            .clientNotificationToken(new BearerAccessToken("notify-me-8a7b6c5d4e3f"))
            .build()
            .toHTTPRequest()
            .send();
        CIBARequestAcknowledgement ack = CIBAResponse.parse(raw).toRequestAcknowledgement();
        String requestId = api.get("/api/v1/approvals", phone.accessToken()).at("/requests/0/request_id");
        assertThat(PINGS.poll(300, TimeUnit.MILLISECONDS)).as("no ping before the user decides").isNull();

        api.post("/api/v1/approvals/" + requestId + "/approve",
                Map.of("code", raw.getBodyAsJSONObject().getAsString("verification_code")), phone.accessToken());

        Ping ping = PINGS.poll(5, TimeUnit.SECONDS);
        assertThat(ping).as("the client's backend was pinged").isNotNull();
        assertThat(ping.authorization()).isEqualTo("Bearer notify-me-8a7b6c5d4e3f");
        assertThat(Api.JSON.readTree(ping.body()).path("auth_req_id").asString())
            .isEqualTo(ack.getAuthRequestID().getValue());

        TokenResponse tokens = TokenResponse.parse(new TokenRequest.Builder(URI.create(api.base() + "/oauth2/token"),
                CLIENT, new CIBAGrant(ack.getAuthRequestID()))
            .build()
            .toHTTPRequest()
            .send());
        assertThat(tokens.indicatesSuccess()).isTrue();
    }

    private static HttpServer startClientBackend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/ciba/ping", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                PINGS.add(new Ping(exchange.getRequestHeaders().getFirst("Authorization"), body));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
