package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoErrorResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect as a stock client sees it, on every grant that signs a person in: the
 * device grant with {@code openid} (Nimbus oauth2-oidc-sdk from discovery to a validated
 * ID token and {@code /userinfo}), the ID token's {@code auth_time}, {@code amr} and
 * {@code acr}, {@code /userinfo}'s RFC 6750 answers, one description of the server in
 * both discovery documents, bearer tokens whatever DPoP header comes, and the client
 * challenge of RFC 6749 section 5.2.
 */
@ServiceTest
class OpenIdConnectTest {

    static final ClientID TV = new ClientID("onekey-device");

    final Api api;

    final TestAccounts accounts;

    OpenIdConnectTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenATvAsksForOpenidOnTheDeviceGrantThenAStockClientValidatesItsIdTokenAndReadsUserInfo() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(api.base()));
        TestAccounts.Account dad = accounts.register("Dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");

        var asked = DeviceAuthorizationResponse
            .parse(new DeviceAuthorizationRequest.Builder(TV).endpointURI(provider.getDeviceAuthorizationEndpointURI())
                .scope(new Scope("openid", "profile"))
                .customParameter("device_name", "Living-room TV")
                .build()
                .toHTTPRequest()
                .send());
        assertThat(asked.indicatesSuccess()).as(() -> asked.toErrorResponse().getErrorObject().toString()).isTrue();
        DeviceAuthorizationSuccessResponse codes = asked.toSuccessResponse();
        Api.Response shown = api.get("/api/v1/device-codes/" + codes.getUserCode().getValue(), phone.accessToken());
        assertThat(shown.text()).as("the phone sees what the TV asks for").contains("openid");
        Api.Response approved = api.post("/api/v1/device-codes/" + codes.getUserCode().getValue() + "/approve", "{}",
                phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);

        var polled = OIDCTokenResponseParser.parse(
                new TokenRequest.Builder(provider.getTokenEndpointURI(), TV, new DeviceCodeGrant(codes.getDeviceCode()))
                    .build()
                    .toHTTPRequest()
                    .send());
        assertThat(polled.indicatesSuccess()).as(() -> polled.toErrorResponse().getErrorObject().toString()).isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) polled.toSuccessResponse();
        IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), TV, JWSAlgorithm.ES256,
                provider.getJWKSetURI().toURL());
        IDTokenClaimsSet id = validator.validate(tokens.getOIDCTokens().getIDToken(), null);
        assertThat(id.getSubject().getValue()).isEqualTo(dad.id());
        assertThat(id.getAMR()).extracting(Object::toString).containsExactly("mca", "qr_code");
        assertThat(id.getACR().getValue()).isEqualTo("urn:onekey:acr:phone");
        assertThat(id.getAuthenticationTime()).isCloseTo(java.util.Date.from(Instant.now()), 60_000);
        assertThat(id.getStringClaim("name")).isEqualTo("Dad");
        assertThat(id.getStringClaim("preferred_username")).isEqualToIgnoringCase(dad.loginName());
        assertThat(id.getStringClaim("sid")).isNotBlank();

        UserInfo info = userInfo(provider, tokens.getOIDCTokens().getBearerAccessToken());
        assertThat(info.getSubject().getValue()).isEqualTo(dad.id());
        assertThat(info.getName()).isEqualTo("Dad");
        assertThat(info.getPreferredUsername()).isEqualToIgnoringCase(dad.loginName());

        var refreshed = OIDCTokenResponseParser.parse(new TokenRequest.Builder(provider.getTokenEndpointURI(), TV,
                new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()))
            .build()
            .toHTTPRequest()
            .send());
        assertThat(refreshed.indicatesSuccess()).as(() -> refreshed.toErrorResponse().getErrorObject().toString())
            .isTrue();
        var renewed = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens();
        IDTokenClaimsSet again = validator.validate(renewed.getIDToken(), null);
        assertThat(again.getAuthenticationTime()).as("the person signed in once").isEqualTo(id.getAuthenticationTime());
        assertThat(again.getAMR()).isEqualTo(id.getAMR());
        assertThat(userInfo(provider, renewed.getBearerAccessToken()).getName()).isEqualTo("Dad");
    }

    @Test
    void whenADeviceAsksForAScopeItMayNotHaveBesidesOpenidThenTheRequestIsRefused() {
        Api.Response refused = api.form("/oauth2/device_authorization",
                Api.fields("client_id", TV.getValue(), "scope", "openid operator"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.field("error")).isEqualTo("invalid_scope");
    }

    @Test
    void whenADeviceSignsInWithAPasswordThenItsIdTokenSaysHowAndWhenAndUserInfoGreetsThePerson() throws Exception {
        TestAccounts.Account mum = accounts.register("Mum");
        TestAccounts.Device pc = accounts.signIn(mum, "pc", "Mum's PC");

        var claims = SignedJWT.parse(pc.idToken()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:onekey:acr:secret");
        assertThat(claims.getDateClaim("auth_time")).isCloseTo(java.util.Date.from(Instant.now()), 60_000);
        assertThat(claims.getStringClaim("name")).isEqualTo("Mum");
        assertThat(SignedJWT.parse(pc.accessToken()).getJWTClaimsSet().getStringListClaim("amr"))
            .containsExactly("pwd");

        Api.Response info = api.get("/userinfo", pc.accessToken());
        assertThat(info.status()).as(info.text()).isEqualTo(200);
        assertThat(info.field("sub")).isEqualTo(mum.id());
        assertThat(info.field("name")).isEqualTo("Mum");
        assertThat(info.field("preferred_username")).isEqualToIgnoringCase(mum.loginName());
    }

    @Test
    void whenUserInfoGetsNoTokenABadTokenOrATokenWithoutOpenidThenItAnswersPerRfc6750() throws Exception {
        Api.Response missing = api.get("/userinfo", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
        assertThat(missing.header("Set-Cookie")).as("no session for a client").isNull();

        Api.Response bad = api.get("/userinfo", "not-a-token");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
        assertThat(bad.field("error")).as("and in the OAuth 2.0 error shape").isEqualTo("invalid_token");
        assertThat(bad.header("Set-Cookie")).isNull();

        TestAccounts.Account kid = accounts.register("kid");
        Api.Response signedIn = api
            .post("/api/v1/sign-in/password",
                    Map.of("login", kid.loginName(), "password", TestAccounts.PASSWORD, "scope", "profile", "device",
                            Map.of("id", TestAccounts.unique("tablet"), "type", "tablet", "name", "Kid's tablet")),
                    null);
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
        String withoutOpenid = signedIn.at("/tokens/access_token");
        Api.Response forbidden = api.get("/userinfo", withoutOpenid);
        assertThat(forbidden.status()).as(forbidden.text()).isEqualTo(403);
        assertThat(forbidden.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"insufficient_scope\"");
        UserInfoResponse stock = UserInfoResponse
            .parse(new UserInfoRequest(URI.create(api.base() + "/userinfo"), new BearerAccessToken(withoutOpenid))
                .toHTTPRequest()
                .send());
        assertThat(((UserInfoErrorResponse) stock).getErrorObject().getCode())
            .as("a stock client reads the reason from the header")
            .isEqualTo("insufficient_scope");

        TestAccounts.Device tv = accounts.signIn(kid, "tv", "Kid's TV");
        assertThat(api.delete("/api/v1/sessions/current", tv.accessToken()).status()).isEqualTo(204);
        Api.Response signedOut = api.get("/userinfo", tv.accessToken());
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void whenBothDiscoveryDocumentsAreReadThenTheyDescribeTheSameServer() throws Exception {
        JsonNode oauth = api.get("/.well-known/oauth-authorization-server", null).json();
        JsonNode oidc = api.get("/.well-known/openid-configuration", null).json();
        oauth.properties().forEach(field -> {
            if (oidc.has(field.getKey())) {
                assertThat(oidc.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
            }
        });
        for (JsonNode document : new JsonNode[] { oauth, oidc }) {
            assertThat(document.path("grant_types_supported").toString()).contains("refresh_token",
                    "client_credentials", "urn:ietf:params:oauth:grant-type:device_code",
                    "urn:openid:params:grant-type:ciba");
            assertThat(document.path("token_endpoint_auth_methods_supported").toString()).contains("none",
                    "client_secret_basic", "client_secret_post");
            assertThat(document.path("token_endpoint_auth_methods_supported").toString())
                .doesNotContain("private_key_jwt");
            assertThat(document.path("backchannel_authentication_endpoint").asString())
                .isEqualTo(api.base() + "/oauth2/bc-authorize");
            assertThat(document.path("backchannel_token_delivery_modes_supported").toString()).contains("poll");
            assertThat(document.has("backchannel_user_code_parameter_supported")).isTrue();
            assertThat(document.path("device_authorization_endpoint").asString())
                .isEqualTo(api.base() + "/oauth2/device_authorization");
            assertThat(document.path("acr_values_supported").toString()).contains("urn:onekey:acr:phone");
            assertThat(document.has("dpop_signing_alg_values_supported")).as("DPoP is not advertised").isFalse();
        }
        AuthorizationServerMetadata stock = AuthorizationServerMetadata.resolve(new Issuer(api.base()));
        assertThat(stock.getBackChannelAuthenticationEndpointURI()).isNotNull();
        assertThat(stock.getDPoPJWSAlgs()).isNull();
    }

    @Test
    void whenADeviceSendsADpopProofThenItGetsBearerTokensAndItsRefreshWorks() throws Exception {
        TestAccounts.Device tv = accounts.signIn(accounts.register("gran"), "tv", "Gran's TV");
        var proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        URI tokenEndpoint = URI.create(api.base() + "/oauth2/token");
        String body = "grant_type=refresh_token&client_id=onekey-device&refresh_token="
                + java.net.URLEncoder.encode(tv.refreshToken(), java.nio.charset.StandardCharsets.UTF_8);

        Api.Response refreshed = api.raw("POST", "/oauth2/token", "application/x-www-form-urlencoded", body,
                Map.of("DPoP", proofs.createDPoPJWT("POST", tokenEndpoint).serialize()));

        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(refreshed.field("token_type")).isEqualTo("Bearer");
        assertThat(SignedJWT.parse(refreshed.field("access_token")).getJWTClaimsSet().getClaim("cnf")).isNull();
        assertThat(api.get("/api/v1/account", refreshed.field("access_token")).status()).isEqualTo(200);
    }

    @Test
    void whenAClientFailsHttpBasicAuthenticationThenTheRefusalCarriesABasicChallenge() {
        Api.Response token = api.form("/oauth2/token", Api.fields("grant_type", "client_credentials"), "onekey-backend",
                "wrong-secret");
        assertThat(token.status()).isEqualTo(401);
        assertThat(token.field("error")).isEqualTo("invalid_client");
        assertThat(token.header("WWW-Authenticate")).startsWith("Basic");

        Api.Response introspect = api.form("/oauth2/introspect", Api.fields("token", "whatever"), "onekey-backend",
                "wrong-secret");
        assertThat(introspect.status()).isEqualTo(401);
        assertThat(introspect.header("WWW-Authenticate")).startsWith("Basic");

        Api.Response ciba = api.form("/oauth2/bc-authorize", Api.fields("login_hint", "whoever", "scope", "openid"),
                "onekey-ciba", "wrong-secret");
        assertThat(ciba.status()).isEqualTo(401);
        assertThat(ciba.field("error")).isEqualTo("invalid_client");
        assertThat(ciba.header("WWW-Authenticate")).startsWith("Basic");
    }

    private static UserInfo userInfo(OIDCProviderMetadata provider, BearerAccessToken token) throws Exception {
        UserInfoResponse response = UserInfoResponse
            .parse(new UserInfoRequest(provider.getUserInfoEndpointURI(), token).toHTTPRequest().send());
        assertThat(response.indicatesSuccess())
            .as(() -> response.indicatesSuccess() ? "" : response.toErrorResponse().getErrorObject().toString())
            .isTrue();
        return response.toSuccessResponse().getUserInfo();
    }

}
