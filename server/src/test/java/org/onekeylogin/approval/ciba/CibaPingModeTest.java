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
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.RelyingParties;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;

/**
 * CIBA ping mode: once the user approves, the service calls the client's registered
 * notification endpoint (a real HTTP server started by this test) with the client's
 * notification token, and the client then collects the tokens. The clients are those of
 * {@link RelyingParties}.
 */
@ServiceTest
class CibaPingModeTest extends RelyingParties {

    static final ClientSecretBasic CLIENT = new ClientSecretBasic(new ClientID(PING_CLIENT), new Secret(PING_SECRET));

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
        assertThat(BACK_END.nextPing(Duration.ofMillis(300))).as("no ping before the user decides").isNull();

        api.post("/api/v1/approvals/" + requestId + "/approve",
                Map.of("code", raw.getBodyAsJSONObject().getAsString("verification_code")), phone.accessToken());

        RelyingParties.Received ping = BACK_END.nextPing(Duration.ofSeconds(5));
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

}
