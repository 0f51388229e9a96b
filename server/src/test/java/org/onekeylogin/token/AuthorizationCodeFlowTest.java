package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The authorization code flow with PKCE over real HTTP, as a browser and a web app's back
 * end see it (RFC 6749 section 4.1, RFC 7636): the hosted sign-in page for a browser not
 * signed in, the code and the {@code state} on the client's redirect URI, errors there
 * when the client may learn them and a page of OneKey's when it may not, one device
 * session per exchange (ID token with {@code sid}, {@code amr}, {@code acr},
 * {@code auth_time}; rotating refresh; the phone signs it out), and a code that works
 * once.
 */
@ServiceTest
class AuthorizationCodeFlowTest {

    static final String CLIENT = "onekey-demo-web";

    /** A loopback redirect URI: registered without a port, asked with any. */
    static final String REDIRECT = "http://127.0.0.1:43210/login/oauth2/code/onekey";

    static final String STATE = "s/t a+t=e&ü";

    static final String VERIFIER = "a-code-verifier-of-at-least-43-characters-0123456789";

    final Api api;

    final TestAccounts accounts;

    @Autowired
    SessionRegistry sessionRegistry;

    @Autowired
    TestClock clock;

    AuthorizationCodeFlowTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenABrowserThatIsNotSignedInAsksThenItGoesToTheHostedPageWithTheRequestAndGetsNoSession() {
        Map<String, String> asked = authorizationRequest();
        Api.Response r = authorize(asked, null);

        assertThat(r.status()).isEqualTo(302);
        UriComponents location = UriComponentsBuilder.fromUriString(r.header("Location")).build();
        assertThat(location.getPath()).isEqualTo("/signin.html");
        assertThat(decoded(location.getQueryParams().toSingleValueMap())).containsAllEntriesOf(asked);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(api.get("/signin.html", null).text()).contains("Send to my phone");
    }

    @Test
    void whenSignedInThenTheCodeAndStateComeBackAndTheExchangeOpensASessionOnce() throws Exception {
        TestAccounts.Account dad = accounts.register("Dad");
        TestAccounts.Device page = accounts.signIn(dad, "pc", "Web browser");
        String cookie = browserSignIn(page.accessToken());
        assertThat(api.get("/api/v1/account", page.accessToken()).status())
            .as("the page's own session ends when it is handed to the browser")
            .isEqualTo(401);

        Api.Response r = authorize(authorizationRequest(), cookie);
        assertThat(r.status()).as(r.text()).isEqualTo(302);
        UriComponents back = UriComponentsBuilder.fromUriString(r.header("Location")).build();
        assertThat(back.getHost()).isEqualTo("127.0.0.1");
        assertThat(back.getPort()).isEqualTo(43210);
        assertThat(back.getPath()).isEqualTo("/login/oauth2/code/onekey");
        assertThat(decode(back.getQueryParams().getFirst("state"))).isEqualTo(STATE);
        assertThat(r.headers().allValues("Set-Cookie")).as("the browser's sign-in is good for one code")
            .singleElement()
            .satisfies(c -> assertThat(c).startsWith("onekey_sign_in=;").contains("Max-Age=0"));
        String code = back.getQueryParams().getFirst("code");
        assertThat(sessionRegistry.getAllPrincipals())
            .as("no HTTP session of the browser is kept, nor noted in Spring's registry")
            .isEmpty();

        Api.Response noVerifier = api.form("/oauth2/token", Api.fields("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT));
        assertThat(noVerifier.status()).isEqualTo(401);
        assertThat(noVerifier.field("error")).isEqualTo("invalid_client");
        Api.Response wrongVerifier = exchange(code, VERIFIER + "x");
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.field("error")).isEqualTo("invalid_grant");

        Api.Response tokens = exchange(code, VERIFIER);
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        SignedJWT idToken = SignedJWT.parse(tokens.field("id_token"));
        assertThat(idToken.getHeader().getAlgorithm().getName())
            .as("the client's registered id-token-signed-response-alg")
            .isEqualTo("RS256");
        assertThat(SignedJWT.parse(tokens.field("access_token")).getHeader().getAlgorithm().getName())
            .isEqualTo("ES256");
        JWTClaimsSet id = idToken.getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo(dad.id());
        assertThat(id.getAudience()).containsExactly(CLIENT);
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:onekey:acr:secret");
        assertThat(id.getClaim("auth_time")).isNotNull();
        assertThat(id.getStringClaim("name")).isEqualTo("Dad");
        String sid = id.getStringClaim("sid");
        assertThat(sid).isNotBlank();

        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        JsonNode session = session(phone, sid);
        assertThat(session).as("the web app's session is in the signed-in devices").isNotNull();
        assertThat(session.at("/device/type").asString()).isEqualTo("pc");
        assertThat(session.at("/device/name").asString()).isEqualTo("Demo web app");
        assertThat(session.path("method").asString()).isEqualTo("password");

        Api.Response again = exchange(code, VERIFIER);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.field("error")).isEqualTo("invalid_grant");
        Api.Response refresh = refresh(tokens.field("refresh_token"));
        assertThat(refresh.field("error")).as("a code used twice ends the session its first exchange opened")
            .isEqualTo("invalid_grant");
        assertThat(session(phone, sid)).isNull();
    }

    @Test
    void whenTheWebAppRefreshesThenItsTokensRotateUntilThePhoneSignsThatBrowserOut() throws Exception {
        TestAccounts.Account mum = accounts.register("Mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        Api.Response tokens = signedInWebApp(mum);
        String sid = SignedJWT.parse(tokens.field("id_token")).getJWTClaimsSet().getStringClaim("sid");

        Api.Response refreshed = refresh(tokens.field("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(refreshed.field("refresh_token")).isNotEqualTo(tokens.field("refresh_token"));
        assertThat(SignedJWT.parse(refreshed.field("id_token")).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
        assertThat(api.get("/userinfo", refreshed.field("access_token")).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/sessions/" + sid, phone.accessToken()).status()).isEqualTo(204);
        assertThat(refresh(refreshed.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
        assertThat(api.get("/userinfo", refreshed.field("access_token")).status()).isEqualTo(401);
    }

    @Test
    void whenAPublicClientSendsNoCodeChallengeOrAPlainOneThenTheErrorGoesBackOnItsRedirectUri() {
        for (String method : new String[] { null, "plain" }) {
            Map<String, String> asked = authorizationRequest();
            asked.remove("code_challenge_method");
            if (method == null) {
                asked.remove("code_challenge");
            }
            else {
                asked.put("code_challenge", VERIFIER);
                asked.put("code_challenge_method", method);
            }
            Api.Response r = authorize(asked, null);
            assertThat(r.status()).as(method).isEqualTo(302);
            UriComponents back = UriComponentsBuilder.fromUriString(r.header("Location")).build();
            assertThat(back.getPath()).isEqualTo("/login/oauth2/code/onekey");
            assertThat(back.getQueryParams().getFirst("error")).isEqualTo("invalid_request");
            assertThat(decode(back.getQueryParams().getFirst("error_description"))).contains("code_challenge");
            assertThat(decode(back.getQueryParams().getFirst("state"))).isEqualTo(STATE);
            assertThat(back.getQueryParams()).doesNotContainKey("code");
        }
    }

    @Test
    void whenTheRequestIsWrongButItsRedirectUriIsGoodThenTheClientLearnsItOnTheRedirect() {
        Map<String, String> unknownScope = authorizationRequest();
        unknownScope.put("scope", "openid operator");
        assertThat(errorOnRedirect(authorize(unknownScope, null))).isEqualTo("invalid_scope");

        Map<String, String> silent = authorizationRequest();
        silent.put("prompt", "none");
        assertThat(errorOnRedirect(authorize(silent, null))).as("prompt=none from a browser that is not signed in")
            .isEqualTo("login_required");
    }

    @Test
    void whenTheClientIsUnknownOrTheRedirectUriIsNotItsOwnThenTheBrowserGetsAPageAndNoRedirect() {
        Map<String, String> unknown = authorizationRequest();
        unknown.put("client_id", "no-such-client");
        Map<String, String> elsewhere = authorizationRequest();
        elsewhere.put("redirect_uri", "https://attacker.example/callback");
        Map<String, String> otherPath = authorizationRequest();
        otherPath.put("redirect_uri", "http://127.0.0.1:43210/elsewhere");
        Map<String, String> implicit = authorizationRequest();
        implicit.put("response_type", "token");
        Map<String, String> notThisGrant = authorizationRequest();
        notThisGrant.put("client_id", "onekey-device");
        for (Map<String, String> asked : java.util.List.of(unknown, elsewhere, otherPath, implicit, notThisGrant)) {
            Api.Response r = authorize(asked, null);
            assertThat(r.status()).as(asked.toString()).isEqualTo(400);
            assertThat(r.header("Location")).isNull();
            assertThat(r.header("Content-Type")).startsWith("text/html");
            assertThat(r.text()).contains("This sign-in cannot continue").doesNotContain("attacker.example");
        }
        Api.Response repeated = api.raw("GET", "/oauth2/authorize?" + query(authorizationRequest()) + "&state=again",
                null, null, Map.of());
        assertThat(repeated.status()).as("a repeated parameter").isEqualTo(400);
        assertThat(repeated.header("Location")).isNull();
        assertThat(authorize(unknown, null).text()).contains("not known to OneKey");
        assertThat(authorize(elsewhere, null).text()).contains("has not registered");
    }

    @Test
    void whenTheBrowserCookieIsTamperedWithThenTheBrowserIsNotSignedIn() {
        TestAccounts.Account dad = accounts.register("Dad");
        String cookie = browserSignIn(accounts.signIn(dad, "pc", "Web browser").accessToken());
        String value = cookie.substring(cookie.indexOf('=') + 1);
        int dot = value.indexOf('.');
        String otherAccount = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("someone-else".getBytes(StandardCharsets.UTF_8));
        String forged = "onekey_sign_in=" + otherAccount + value.substring(dot);

        Api.Response r = authorize(authorizationRequest(), forged);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).startsWith("/signin.html?");
    }

    @Test
    void whenTheSignInIsNotFreshOrTheBrowserComesBackTooLateThenItSignsInAgain() {
        TestAccounts.Account dad = accounts.register("Dad");
        TestAccounts.Device old = accounts.signIn(dad, "pc", "Web browser");
        clock.advance(java.time.Duration.ofMinutes(3));
        Api.Response stale = api.raw("POST", "/api/v1/browser-sign-in", null, null,
                Map.of("Authorization", "Bearer " + old.accessToken()));
        assertThat(stale.status()).as("only a sign-in made just now is handed to a browser").isEqualTo(403);
        assertThat(stale.field("code")).isEqualTo("forbidden");
        assertThat(stale.headers().allValues("Set-Cookie")).isEmpty();

        String cookie = browserSignIn(accounts.signIn(dad, "pc", "Web browser").accessToken());
        clock.advance(java.time.Duration.ofMinutes(3));
        Api.Response late = authorize(authorizationRequest(), cookie);
        assertThat(late.status()).isEqualTo(302);
        assertThat(late.header("Location")).as("the browser's sign-in lives two minutes").startsWith("/signin.html?");
    }

    @Test
    void whenTheDiscoveryDocumentIsReadThenItDescribesTheCodeFlowWithS256() {
        JsonNode discovery = api.get("/.well-known/openid-configuration", null).json();
        assertThat(discovery.path("authorization_endpoint").asString()).isEqualTo(api.base() + "/oauth2/authorize");
        assertThat(discovery.path("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(discovery.path("grant_types_supported").toString()).contains("\"authorization_code\"");
        assertThat(discovery.path("id_token_signing_alg_values_supported").toString())
            .isEqualTo("[\"ES256\",\"RS256\"]");
    }

    /** A web app signed in by password through the flow, with its token response. */
    Api.Response signedInWebApp(TestAccounts.Account account) {
        String cookie = browserSignIn(accounts.signIn(account, "pc", "Web browser").accessToken());
        Api.Response r = authorize(authorizationRequest(), cookie);
        assertThat(r.status()).as(r.text()).isEqualTo(302);
        String code = UriComponentsBuilder.fromUriString(r.header("Location"))
            .build()
            .getQueryParams()
            .getFirst("code");
        Api.Response tokens = exchange(code, VERIFIER);
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        return tokens;
    }

    /**
     * What the hosted page does once it has signed the person in: the browser's cookie.
     */
    String browserSignIn(String accessToken) {
        Api.Response r = api.raw("POST", "/api/v1/browser-sign-in", null, null,
                Map.of("Authorization", "Bearer " + accessToken));
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        String setCookie = r.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(c -> c.startsWith("onekey_sign_in="))
            .findFirst()
            .orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Path=/oauth2/authorize").contains("SameSite=Lax");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static Map<String, String> authorizationRequest() {
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("response_type", "code");
        asked.put("client_id", CLIENT);
        asked.put("redirect_uri", REDIRECT);
        asked.put("scope", "openid profile");
        asked.put("state", STATE);
        asked.put("nonce", "n-0S6_WzA2Mj");
        asked.put("code_challenge", challenge(VERIFIER));
        asked.put("code_challenge_method", "S256");
        return asked;
    }

    Api.Response authorize(Map<String, String> asked, String cookie) {
        return api.raw("GET", "/oauth2/authorize?" + query(asked), null, null,
                cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }

    static String query(Map<String, String> asked) {
        return asked.entrySet()
            .stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    }

    Api.Response exchange(String code, String verifier) {
        return api.form("/oauth2/token", Api.fields("grant_type", "authorization_code", "code", code, "redirect_uri",
                REDIRECT, "client_id", CLIENT, "code_verifier", verifier));
    }

    Api.Response refresh(String refreshToken) {
        return api.form("/oauth2/token",
                Api.fields("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT));
    }

    JsonNode session(TestAccounts.Device phone, String sessionId) {
        for (JsonNode s : api.get("/api/v1/sessions", phone.accessToken()).json().path("sessions")) {
            if (sessionId.equals(s.path("id").asString())) {
                return s;
            }
        }
        return null;
    }

    static String errorOnRedirect(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(302);
        UriComponents back = UriComponentsBuilder.fromUriString(r.header("Location")).build();
        assertThat(back.getPath()).isEqualTo("/login/oauth2/code/onekey");
        assertThat(decode(back.getQueryParams().getFirst("state"))).isEqualTo(STATE);
        return back.getQueryParams().getFirst("error");
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static Map<String, String> decoded(Map<String, String> query) {
        Map<String, String> decoded = new LinkedHashMap<>();
        query.forEach((k, v) -> decoded.put(decode(k), decode(v)));
        return decoded;
    }

    static String decode(String value) {
        return value == null ? null : java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static URI uri(String value) {
        return URI.create(value);
    }

}
