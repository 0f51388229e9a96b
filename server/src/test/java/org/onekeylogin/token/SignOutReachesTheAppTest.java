package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.support.Api;
import org.onekeylogin.system.SqlTimes;
import org.onekeylogin.support.RelyingParties;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.onekeylogin.token.internal.ExpiredSessionSweeper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sign-out that reaches the app: every way a session ends sends its client's back end one
 * signed logout token (OpenID Connect Back-Channel Logout 1.0), retried while the back
 * end is down; the app's own sign-out through the end-session endpoint (RP-Initiated
 * Logout 1.0) ends the session and sends the browser back; and browser apps of registered
 * origins may call OneKey (CORS). The back end is a real HTTP server
 * ({@link RelyingParties}); tokens are checked with Nimbus against {@code /oauth2/jwks}.
 */
@ServiceTest
class SignOutReachesTheAppTest extends RelyingParties {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TestClock clock;

    @Autowired
    ExpiredSessionSweeper sweeper;

    @Autowired
    MeterRegistry meters;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    final Api api;

    final TestAccounts accounts;

    SignOutReachesTheAppTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenSessionsEndForEachReasonThenTheClientGetsExactlyOneSignedLogoutTokenForEach() throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        Map<String, String> sessions = new LinkedHashMap<>();

        TestAccounts.Device self = accounts.signIn(dad, "tv", "Signs itself out");
        assertThat(api.delete("/api/v1/sessions/current", self.accessToken()).status()).isEqualTo(204);
        sessions.put(self.sessionId(), "signed_out");

        TestAccounts.Device remote = accounts.signIn(dad, "tv", "Signed out by the phone");
        assertThat(api.delete("/api/v1/sessions/" + remote.sessionId(), phone.accessToken()).status()).isEqualTo(204);
        sessions.put(remote.sessionId(), "remote_sign_out");

        TestAccounts.Device stranger = accounts.signIn(dad, "pc", "Not Dad's PC");
        assertThat(api.post("/api/v1/sessions/" + stranger.sessionId() + "/not-me", Map.of(), phone.accessToken())
            .status()).isEqualTo(204);
        sessions.put(stranger.sessionId(), "not_me");

        TestAccounts.Device replaced = accounts.signIn(dad, "tv", "Signs in again");
        Api.Response again = api.post("/api/v1/sign-in/password", Map.of("login", dad.loginName(), "password",
                TestAccounts.PASSWORD, "device", Map.of("id", replaced.deviceId(), "type", "tv", "name", "TV")), null);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        sessions.put(replaced.sessionId(), "replaced");

        TestAccounts.Device revoked = accounts.signIn(dad, "tv", "Revokes its refresh token");
        assertThat(api
            .form("/oauth2/revoke", Api.fields("token", revoked.refreshToken(), "token_type_hint", "refresh_token",
                    "client_id", DEVICE_CLIENT))
            .status()).isEqualTo(200);
        sessions.put(revoked.sessionId(), "token_revoked");

        TestAccounts.Device copied = accounts.signIn(dad, "tablet", "Its refresh token was copied");
        assertThat(refresh(copied.refreshToken()).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(6));
        assertThat(refresh(copied.refreshToken()).field("error")).isEqualTo("invalid_grant");
        sessions.put(copied.sessionId(), "refresh_token_reused");

        TestAccounts.Device drawer = accounts.signIn(dad, "tablet", "Left in a drawer");
        clock.advance(Duration.ofDays(31));
        sweeper.endExpiredSessions();
        sessions.put(drawer.sessionId(), "expired");

        Map<String, Integer> received = new HashMap<>();
        JWKSet keys = JWKSet.parse(api.get("/oauth2/jwks", null).text());
        while (!received.keySet().containsAll(sessions.keySet())) {
            RelyingParties.Received logout = BACK_END.nextLogout(WAIT);
            assertThat(logout).as("logouts still missing: %s", sessions.keySet()).isNotNull();
            LogoutTokenClaimsSet claims = verified(logout, keys);
            String sid = claims.getSessionID().getValue();
            if (sessions.containsKey(sid)) {
                assertThat(claims.getSubject().getValue()).isEqualTo(dad.id());
                received.merge(sid, 1, Integer::sum);
            }
        }
        awaitNothingWaiting();
        // anything sent twice would have arrived by now: the queue is empty
        for (RelyingParties.Received late = BACK_END.nextLogout(Duration.ofMillis(300)); late != null; late = BACK_END
            .nextLogout(Duration.ofMillis(300))) {
            received.merge(verified(late, keys).getSessionID().getValue(), 1, Integer::sum);
        }
        sessions.keySet().forEach(sid -> assertThat(received.get(sid)).as(sessions.get(sid)).isEqualTo(1));
        assertThat(audit.recent(dad.id(), 40)).anySatisfy(entry -> {
            assertThat(entry.entry().type()).isEqualTo(AuditEventType.SIGN_OUT);
            assertThat(entry.entry().detail()).isEqualTo("expired");
        });
    }

    @Test
    void whenTheBackEndIsDownThenTheLogoutIsTriedAgainUntilItIsDelivered() throws Exception {
        double retried = count("retried");
        double delivered = count("delivered");
        TestAccounts.Device tv = accounts.signIn(accounts.register("gran"), "tv", "Gran's TV");
        BACK_END.failNext(2);
        int refusedBefore = BACK_END.refusedAttempts();

        assertThat(api.delete("/api/v1/sessions/current", tv.accessToken()).status())
            .as("the sign-out does not wait for the back end")
            .isEqualTo(204);

        LogoutTokenClaimsSet claims = nextLogoutOf(tv.sessionId());
        assertThat(claims.getSessionID().getValue()).isEqualTo(tv.sessionId());
        assertThat(BACK_END.refusedAttempts() - refusedBefore).isEqualTo(2);
        assertThat(count("retried") - retried).isEqualTo(2);
        assertThat(awaitCount("delivered", delivered + 1) - delivered).as("counted once the back end's answer is in")
            .isGreaterThanOrEqualTo(1);
    }

    @Test
    void whenTheNodeSendingALogoutStopsThenAnotherNodeSendsItOnceTheClaimRunsOut() throws Exception {
        String sessionId = java.util.UUID.randomUUID().toString();
        String jti = java.util.UUID.randomUUID().toString();
        Instant now = clock.instant();
        // as a node leaves it that claimed the first attempt and stopped before it was
        // sent
        jdbc.sql("INSERT INTO backchannel_logout (client_id, session_id, subject, issuer, jti, attempts, "
                + "next_attempt_at, claimed_until, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)")
            .params(DEVICE_CLIENT, sessionId, "stopped-node-account", api.base(), jti, SqlTimes.utc(now),
                    SqlTimes.utc(now.plus(Duration.ofSeconds(30))), SqlTimes.utc(now))
            .update();
        assertThat(BACK_END.nextLogout(Duration.ofMillis(500))).as("claimed by a node that stopped").isNull();

        clock.advance(Duration.ofSeconds(31));

        LogoutTokenClaimsSet claims = nextLogoutOf(sessionId);
        assertThat(claims.getJWTID().getValue()).as("the same logout, not a new one").isEqualTo(jti);
        awaitNothingWaiting();
    }

    @Test
    void whenTheAppSignsOutWithItsIdTokenThenTheSessionEndsAndTheBrowserGoesBackWithState() throws Exception {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device tv = accounts.signIn(mum, "tv", "Mum's TV");
        assertThat(SignedJWT.parse(tv.idToken()).getJWTClaimsSet().getStringClaim("sid"))
            .as("the ID token names the device session")
            .isEqualTo(tv.sessionId());
        Api.Response refreshed = refresh(tv.refreshToken());
        assertThat(refreshed.status()).isEqualTo(200);
        // an ID token from before the refresh, expired by now, is still a valid hint
        clock.advance(Duration.ofHours(2));

        Api.Response out = endSession(tv.idToken(), SIGNED_OUT_PAGE, "af0ifjsldkj x");

        assertThat(out.status()).as(out.text()).isEqualTo(302);
        assertThat(out.header("Location")).isEqualTo(SIGNED_OUT_PAGE + "?state=af0ifjsldkj%20x");
        assertThat(refresh(refreshed.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
        assertThat(audit.recent(mum.id(), 10)).anySatisfy(entry -> {
            assertThat(entry.entry().type()).isEqualTo(AuditEventType.SIGN_OUT);
            assertThat(entry.entry().sessionId()).isEqualTo(tv.sessionId());
            assertThat(entry.entry().detail()).isEqualTo("signed_out");
        });
        assertThat(nextLogoutOf(tv.sessionId()).getSubject().getValue()).isEqualTo(mum.id());

        Api.Response twice = endSession(tv.idToken(), SIGNED_OUT_PAGE, null);
        assertThat(twice.status()).as("signing out twice is still signed out").isEqualTo(302);
        assertThat(twice.header("Location")).isEqualTo(SIGNED_OUT_PAGE);
    }

    @Test
    void whenNoRedirectIsGivenThenTheBrowserIsToldItIsSignedOut() {
        TestAccounts.Device tv = accounts.signIn(accounts.register("kid"), "tv", "Kid's TV");

        Api.Response out = api.form("/connect/logout", Api.fields("id_token_hint", tv.idToken()));

        assertThat(out.status()).isEqualTo(200);
        assertThat(out.header("Content-Type")).startsWith("text/html");
        assertThat(out.text()).contains("You are signed out");
        assertThat(refresh(tv.refreshToken()).field("error")).isEqualTo("invalid_grant");
    }

    @Test
    void whenTheHintIsForgedOrNotAnIdTokenThenAnErrorPageAndNothingIsSignedOut() throws Exception {
        TestAccounts.Device tv = accounts.signIn(accounts.register("dad"), "tv", "Dad's TV");
        SignedJWT real = SignedJWT.parse(tv.idToken());
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(other.getKeyID()).build(),
                real.getJWTClaimsSet());
        forged.sign(new ECDSASigner(other));

        for (String hint : List.of(forged.serialize(), tv.accessToken(), "not-a-token")) {
            Api.Response refused = endSession(hint, SIGNED_OUT_PAGE, "s");
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.header("Location")).isNull();
            assertThat(refused.text()).contains("Nothing was signed out");
        }
        Api.Response missing = api.get("/connect/logout?post_logout_redirect_uri="
                + URLEncoder.encode(SIGNED_OUT_PAGE, StandardCharsets.UTF_8), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Location")).isNull();
        Api.Response stillIn = refresh(tv.refreshToken());
        assertThat(stillIn.status()).as(stillIn.text()).isEqualTo(200);
    }

    @Test
    void whenThePostLogoutRedirectUriIsNotRegisteredThenItIsRefused() {
        TestAccounts.Device tv = accounts.signIn(accounts.register("mum"), "tv", "Mum's TV");

        for (String uri : List.of("https://evil.example/signed-out", SIGNED_OUT_PAGE + "/", SIGNED_OUT_PAGE + "?x=1")) {
            Api.Response refused = endSession(tv.idToken(), uri, "s");
            assertThat(refused.status()).as(uri).isEqualTo(400);
            assertThat(refused.header("Location")).isNull();
        }
        assertThat(refresh(tv.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void whenDiscoveryIsReadThenBothDocumentsAdvertiseBothLogouts() {
        for (String document : List.of("/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server")) {
            JsonNode metadata = api.get(document, null).json();
            assertThat(metadata.path("end_session_endpoint").asString()).as(document)
                .isEqualTo(api.base() + "/connect/logout");
            assertThat(metadata.path("backchannel_logout_supported").asBoolean()).as(document).isTrue();
            assertThat(metadata.path("backchannel_logout_session_supported").asBoolean()).as(document).isTrue();
        }
    }

    @Test
    void whenABrowserAppPreflightsThenOnlyRegisteredOriginsAreAllowed() {
        Api.Response allowed = preflight("/oauth2/token", TV_ORIGIN, "POST");
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(TV_ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(allowed.header("Access-Control-Allow-Headers")).contains("Authorization", "Content-Type");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();

        Api.Response api = preflight("/api/v1/sessions/abc", CIBA_ORIGIN, "DELETE");
        assertThat(api.status()).isEqualTo(204);
        assertThat(api.header("Access-Control-Allow-Origin")).isEqualTo(CIBA_ORIGIN);

        for (String path : List.of("/oauth2/token", "/api/v1/sessions", "/userinfo")) {
            Api.Response refused = preflight(path, "https://evil.example", "POST");
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.header("Access-Control-Allow-Origin")).as(path).isNull();
        }
        assertThat(preflight("/oauth2/token", TV_ORIGIN, "DELETE").header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void whenABrowserAppCallsThenItsAnswerCarriesTheOriginOnlyWhereItsClientRegisteredIt() {
        TestAccounts.Device tv = accounts.signIn(accounts.register("gran"), "tv", "Gran's TV");
        String refreshForm = "grant_type=refresh_token&client_id=" + DEVICE_CLIENT + "&refresh_token="
                + URLEncoder.encode(tv.refreshToken(), StandardCharsets.UTF_8);

        Api.Response ownClient = this.api.raw("POST", "/oauth2/token", "application/x-www-form-urlencoded", refreshForm,
                Map.of("Origin", TV_ORIGIN));
        assertThat(ownClient.status()).as(ownClient.text()).isEqualTo(200);
        assertThat(ownClient.header("Access-Control-Allow-Origin")).isEqualTo(TV_ORIGIN);
        assertThat(ownClient.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));

        Api.Response otherClient = this.api.raw("POST", "/oauth2/token", "application/x-www-form-urlencoded",
                "grant_type=refresh_token&client_id=" + DEVICE_CLIENT + "&refresh_token=x",
                Map.of("Origin", CIBA_ORIGIN));
        assertThat(otherClient.header("Access-Control-Allow-Origin"))
            .as("the device client did not register the CIBA client's origin")
            .isNull();

        Api.Response basic = this.api.raw("POST", "/oauth2/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials",
                Map.of("Origin", CIBA_ORIGIN, "Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((PING_CLIENT + ":" + PING_SECRET).getBytes(StandardCharsets.UTF_8))));
        assertThat(basic.header("Access-Control-Allow-Origin")).as(basic.text()).isEqualTo(CIBA_ORIGIN);

        Api.Response jsonApi = this.api.raw("GET", "/api/v1/sessions", null, null,
                Map.of("Origin", CIBA_ORIGIN, "Authorization", "Bearer " + ownClient.field("access_token")));
        assertThat(jsonApi.status()).isEqualTo(200);
        assertThat(jsonApi.header("Access-Control-Allow-Origin")).as("the JSON API allows every registered origin")
            .isEqualTo(CIBA_ORIGIN);
        assertThat(jsonApi.header("Access-Control-Expose-Headers")).contains("WWW-Authenticate");

        Api.Response unauthenticated = this.api.raw("GET", "/userinfo", null, null, Map.of("Origin", TV_ORIGIN));
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header("Access-Control-Allow-Origin")).as("the browser app can read the refusal")
            .isEqualTo(TV_ORIGIN);

        Api.Response stranger = this.api.raw("GET", "/api/v1/sessions", null, null,
                Map.of("Origin", "https://evil.example", "Authorization", "Bearer " + ownClient.field("access_token")));
        assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
    }

    private Api.Response preflight(String path, String origin, String method) {
        return api.raw("OPTIONS", path, null, null, Map.of("Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "authorization, content-type"));
    }

    private Api.Response endSession(String hint, String redirect, String state) {
        StringBuilder query = new StringBuilder("/connect/logout?id_token_hint=")
            .append(URLEncoder.encode(hint, StandardCharsets.UTF_8));
        if (redirect != null) {
            query.append("&post_logout_redirect_uri=").append(URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        }
        if (state != null) {
            query.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        return api.get(query.toString(), null);
    }

    private Api.Response refresh(String refreshToken) {
        return api.form("/oauth2/token",
                Api.fields("grant_type", "refresh_token", "client_id", DEVICE_CLIENT, "refresh_token", refreshToken));
    }

    /** The next logout the back end accepts for the session, verified. */
    private LogoutTokenClaimsSet nextLogoutOf(String sessionId) throws Exception {
        JWKSet keys = JWKSet.parse(api.get("/oauth2/jwks", null).text());
        while (true) {
            RelyingParties.Received logout = BACK_END.nextLogout(WAIT);
            assertThat(logout).as("a logout for session %s", sessionId).isNotNull();
            LogoutTokenClaimsSet claims = verified(logout, keys);
            if (claims.getSessionID().getValue().equals(sessionId)) {
                return claims;
            }
        }
    }

    /**
     * A logout request as section 2.5 has it (a form with {@code logout_token}), its
     * token signed with the service's key and its claims those of section 2.4.
     */
    private LogoutTokenClaimsSet verified(RelyingParties.Received logout, JWKSet keys) throws Exception {
        assertThat(logout.contentType()).startsWith("application/x-www-form-urlencoded");
        SignedJWT token = SignedJWT.parse(logout.form("logout_token"));
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(token.getHeader().getType()).isEqualTo(new JOSEObjectType("logout+jwt"));
        JWK key = keys.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).as("the key is in /oauth2/jwks").isNotNull();
        assertThat(token.verify(new ECDSAVerifier(key.toECKey()))).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(api.base());
        assertThat(claims.getAudience()).containsExactly(DEVICE_CLIENT);
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
        assertThat(claims.getClaim("nonce")).isNull();
        assertThat(claims.getJSONObjectClaim("events"))
            .containsExactly(Map.entry("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        // Nimbus's own parser checks the rest of section 2.4
        return new LogoutTokenClaimsSet(claims);
    }

    private double count(String outcome) {
        var counter = Search.in(meters)
            .name("onekey.backchannel.logout")
            .tags("client", DEVICE_CLIENT, "outcome", outcome)
            .counter();
        return counter == null ? 0 : counter.count();
    }

    /** The counter once it reached {@code atLeast}, or as it is after ten seconds. */
    private double awaitCount(String outcome, double atLeast) throws InterruptedException {
        for (int i = 0; i < 200 && count(outcome) < atLeast; i++) {
            Thread.sleep(50);
        }
        return count(outcome);
    }

    /** Until every queued logout has been sent (the clock may have been moved on). */
    private void awaitNothingWaiting() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (meters.get("onekey.backchannel.logout.waiting").gauge().value() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("back-channel logouts are still waiting");
    }

}
