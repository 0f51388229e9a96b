package org.onekeylogin.approval.ciba;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.ciba.CIBAErrorResponse;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * OpenID Connect CIBA in poll mode, driven by a stock client library (Nimbus
 * oauth2-oidc-sdk) from discovery and {@code bc-authorize} to tokens, through
 * {@code authorization_pending} and {@code slow_down}.
 */
@ServiceTest
class CibaPollModeTest {

    static final ClientSecretBasic CLIENT = new ClientSecretBasic(new ClientID("onekey-ciba"),
            new Secret("change-me-ciba-secret"));

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    CibaPollModeTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenTheUserApprovesOnThePhoneThenTheCibaClientPollsItsWayToTokens() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new com.nimbusds.oauth2.sdk.id.Issuer(api.base()));
        assertThat(provider.getBackChannelAuthenticationEndpointURI()).isNotNull();
        assertThat(provider.getGrantTypes()).extracting(Object::toString).contains(CIBAGrant.GRANT_TYPE.getValue());

        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");

        HTTPResponse raw = new CIBARequest.Builder(CLIENT, new Scope("openid", "profile"))
            .endpointURI(provider.getBackChannelAuthenticationEndpointURI())
            .loginHint(dad.loginName())
            .bindingMessage("Sign in to Cinema app")
            .requestedExpiry(300)
            .customParameter("device_name", "Cinema app on Windows")
            .build()
            .toHTTPRequest()
            .send();
        CIBAResponse response = CIBAResponse.parse(raw);
        assertThat(response.indicatesSuccess()).as(raw.getBody()).isTrue();
        CIBARequestAcknowledgement ack = response.toRequestAcknowledgement();
        assertThat(ack.getExpiresIn()).isEqualTo(300);
        String code = raw.getBodyAsJSONObject().getAsString("verification_code");
        assertThat(code).matches("\\d{2}");

        TokenRequest poll = new TokenRequest.Builder(provider.getTokenEndpointURI(), CLIENT,
                new CIBAGrant(ack.getAuthRequestID()))
            .build();
        TokenErrorResponse pending = TokenResponse.parse(poll.toHTTPRequest().send()).toErrorResponse();
        assertThat(pending.getErrorObject().getCode()).isEqualTo("authorization_pending");
        TokenErrorResponse tooFast = TokenResponse.parse(poll.toHTTPRequest().send()).toErrorResponse();
        assertThat(tooFast.getErrorObject().getCode()).isEqualTo("slow_down");

        Api.Response pendingOnPhone = api.get("/api/v1/approvals", phone.accessToken());
        assertThat(pendingOnPhone.at("/requests/0/binding_message")).isEqualTo("Sign in to Cinema app");
        assertThat(pendingOnPhone.at("/requests/0/requester/name")).isEqualTo("Cinema app on Windows");
        Api.Response approved = api.post(
                "/api/v1/approvals/" + pendingOnPhone.at("/requests/0/request_id") + "/approve", Map.of("code", code),
                phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(11)); // respect the interval, raised by 5 s
                                               // after slow_down
        TokenResponse tokens = OIDCTokenResponseParser.parse(poll.toHTTPRequest().send());
        assertThat(tokens.indicatesSuccess())
            .as(() -> tokens.indicatesSuccess() ? "" : tokens.toErrorResponse().getErrorObject().toString())
            .isTrue();
        OIDCTokenResponse oidc = (OIDCTokenResponse) tokens.toSuccessResponse();
        assertThat(oidc.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject()).isEqualTo(dad.id());
        var idClaims = oidc.getOIDCTokens().getIDToken().getJWTClaimsSet();
        assertThat(idClaims.getStringListClaim("amr")).containsExactly("mca", "phone_approval");
        assertThat(idClaims.getStringClaim("acr")).isEqualTo("urn:onekey:acr:phone");
        assertThat(idClaims.getDateClaim("auth_time")).isNotNull();
        assertThat(idClaims.getStringClaim("name")).isEqualTo("dad");
        assertThat(oidc.getOIDCTokens().getRefreshToken()).isNotNull();
        assertThat(api.get("/api/v1/account", oidc.getOIDCTokens().getAccessToken().getValue()).field("login_name"))
            .isEqualTo(dad.loginName());

        TokenErrorResponse reused = TokenResponse.parse(poll.toHTTPRequest().send()).toErrorResponse();
        assertThat(reused.getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void whenTheUserDeniesThenTheClientGetsAccessDenied() throws Exception {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        CIBARequestAcknowledgement ack = start(mum.loginName()).toRequestAcknowledgement();
        String requestId = api.get("/api/v1/approvals", phone.accessToken()).at("/requests/0/request_id");
        api.post("/api/v1/approvals/" + requestId + "/deny", Map.of("reason", "mistake"), phone.accessToken());

        TokenRequest poll = new TokenRequest.Builder(tokenEndpoint(), CLIENT, new CIBAGrant(ack.getAuthRequestID()))
            .build();
        assertThat(TokenResponse.parse(poll.toHTTPRequest().send()).toErrorResponse().getErrorObject().getCode())
            .isEqualTo("access_denied");
    }

    @Test
    void whenNobodyAnswersThenTheClientGetsExpiredToken() throws Exception {
        TestAccounts.Account mum = accounts.register("mum");
        accounts.signIn(mum, "phone", "Mum's phone");
        CIBARequestAcknowledgement ack = start(mum.loginName()).toRequestAcknowledgement();
        clock.advance(Duration.ofSeconds(ack.getExpiresIn() + 1));
        TokenRequest poll = new TokenRequest.Builder(tokenEndpoint(), CLIENT, new CIBAGrant(ack.getAuthRequestID()))
            .build();
        assertThat(TokenResponse.parse(poll.toHTTPRequest().send()).toErrorResponse().getErrorObject().getCode())
            .isEqualTo("expired_token");
    }

    @Test
    void whenTheUserHasNoPhoneOrTheClientIsWrongThenBcAuthorizeAnswersInTheOauthFormat() throws Exception {
        CIBAResponse unknown = start(TestAccounts.unique("nobody"));
        assertThat(unknown.indicatesSuccess()).isFalse();
        CIBAErrorResponse error = unknown.toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("unknown_user_id");

        HTTPResponse badClient = new CIBARequest.Builder(
                new ClientSecretBasic(new ClientID("onekey-ciba"), new Secret("wrong-secret")), new Scope("openid"))
            .endpointURI(bcAuthorize())
            .loginHint("whoever")
            .build()
            .toHTTPRequest()
            .send();
        assertThat(badClient.getStatusCode()).isEqualTo(401);
        assertThat(badClient.getBodyAsJSONObject().getAsString("error")).isEqualTo("invalid_client");

        HTTPResponse noOpenid = new CIBARequest.Builder(CLIENT, new Scope("profile")).endpointURI(bcAuthorize())
            .loginHint("whoever")
            .build()
            .toHTTPRequest()
            .send();
        assertThat(noOpenid.getBodyAsJSONObject().getAsString("error")).isEqualTo("invalid_scope");
    }

    @Test
    void whenOnePersonSignsInTwiceThroughAClientThatNamesNoDeviceThenEachSignInIsItsOwnSession() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");

        String first = signInWithoutDevice(mum, phone);
        String second = signInWithoutDevice(mum, phone);

        assertThat(api.get("/api/v1/account", first).status()).as("the second sign-in did not end the first")
            .isEqualTo(200);
        assertThat(api.get("/api/v1/account", second).status()).isEqualTo(200);
        Api.Response sessions = api.get("/api/v1/sessions", phone.accessToken());
        var cibaDevices = new java.util.HashSet<String>();
        sessions.json().path("sessions").forEach(s -> cibaDevices.add(s.path("device").path("id").asString()));
        assertThat(sessions.json().path("sessions").size()).as(sessions.text()).isEqualTo(3);
        assertThat(cibaDevices).as("three sessions on three devices").hasSize(3);
    }

    @Test
    void whenAClientAsksTooOftenThenBcAuthorizeRefusesWithTooManyRequestsNotAccessDenied() {
        TestAccounts.Account mum = accounts.register("mum");
        accounts.signIn(mum, "phone", "Mum's phone");
        String kiosk = TestAccounts.unique("kiosk");
        Api.Response answer = null;
        for (int i = 0; i < 8; i++) {
            answer = api.form("/oauth2/bc-authorize",
                    Api.fields("login_hint", mum.loginName(), "scope", "openid", "device_id", kiosk),
                    CLIENT.getClientID().getValue(), CLIENT.getClientSecret().getValue());
            if (answer.status() != 200) {
                break;
            }
        }
        assertThat(answer.status()).as(answer.text()).isEqualTo(429);
        assertThat(answer.field("error")).isEqualTo("too_many_requests");
        assertThat(answer.header("Retry-After")).as("when to try again").matches("\\d+");
    }

    /** A CIBA sign-in without device_id, approved on the phone; its access token. */
    private String signInWithoutDevice(TestAccounts.Account account, TestAccounts.Device phone) {
        Api.Response started = api.form("/oauth2/bc-authorize",
                Api.fields("login_hint", account.loginName(), "scope", "openid"), CLIENT.getClientID().getValue(),
                CLIENT.getClientSecret().getValue());
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        String requestId = api.get("/api/v1/approvals", phone.accessToken()).at("/requests/0/request_id");
        Api.Response approved = api.post("/api/v1/approvals/" + requestId + "/approve",
                Map.of("code", started.field("verification_code")), phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        Api.Response tokens = api.form("/oauth2/token",
                Api.fields("grant_type", CIBAGrant.GRANT_TYPE.getValue(), "auth_req_id", started.field("auth_req_id")),
                CLIENT.getClientID().getValue(), CLIENT.getClientSecret().getValue());
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        return tokens.field("access_token");
    }

    private CIBAResponse start(String login) throws Exception {
        return CIBAResponse.parse(new CIBARequest.Builder(CLIENT, new Scope("openid")).endpointURI(bcAuthorize())
            .loginHint(login)
            .build()
            .toHTTPRequest()
            .send());
    }

    private URI bcAuthorize() {
        return URI.create(api.base() + "/oauth2/bc-authorize");
    }

    private URI tokenEndpoint() {
        return URI.create(api.base() + "/oauth2/token");
    }

}
