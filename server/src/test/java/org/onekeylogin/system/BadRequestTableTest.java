package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.LogCapture;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;

/**
 * Bad input of every kind answers 4xx with the one error shape and a stable code — never
 * a 500, never a stack trace, in the answer or in the log. One row per kind of mistake a
 * client can make.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTableTest {

    /**
     * What a row needs: a signed-in phone, a session of another account, a signed-out
     * session of our own.
     */
    record Fixture(Api api, TestAccounts.Account owner, TestAccounts.Device phone, TestAccounts.Device signedOut,
            String othersSession) {
    }

    record Row(String name, Function<Fixture, Api.Response> request, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String JSON = "application/json";

    private static final Map<String, Object> TV = Map.of("id", "tv-bad-request-01", "type", "tv", "name", "TV");

    /**
     * How long a row waits for a line the server might still write after it answered.
     */
    private static final Duration LOG_WINDOW = Duration.ofMillis(100);

    Fixture fixture;

    LogCapture log;

    @BeforeAll
    void setUp(Api api, TestAccounts accounts) {
        log = LogCapture.start();
        TestAccounts.Account owner = accounts.register("owner");
        TestAccounts.Device phone = accounts.signIn(owner, "phone", "Owner's phone");
        TestAccounts.Device signedOut = accounts.signIn(owner, "tv", "Owner's TV");
        api.delete("/api/v1/sessions/" + signedOut.sessionId(), phone.accessToken());
        TestAccounts.Device others = accounts.signIn(accounts.register("other"), "phone", "Someone else's phone");
        fixture = new Fixture(api, owner, phone, signedOut, others.sessionId());
    }

    @AfterAll
    void stopCapture() {
        log.close();
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("malformed JSON", f -> raw(f, "POST", "/api/v1/accounts", JSON, "{\"login_name\": "), 400,
                        "malformed_json"),
                new Row("empty body", f -> raw(f, "POST", "/api/v1/sign-in/password", JSON, ""), 400, "malformed_json"),
                new Row("array instead of object", f -> raw(f, "POST", "/api/v1/accounts", JSON, "[1, 2]"), 400,
                        "malformed_json"),
                new Row("number for a string", f -> f.api()
                    .post("/api/v1/accounts",
                            Map.of("login_name", 12345678, "display_name", "X", "password", "long enough pw"), null),
                        400, "validation_failed"),
                new Row("string for the device object",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", "x", "password", "y", "device", "my phone"), null),
                        400, "validation_failed"),
                new Row("string for a boolean consent", f -> f.api()
                    .put("/api/v1/account/consents", Map.of("may_recommend", "sometimes", "may_auto_sign_in", false),
                            f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("push registration for an unknown platform",
                        f -> f.api()
                            .put("/api/v1/push/registration", Map.of("platform", "gcm", "token", "a".repeat(64)),
                                    f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("push token of the wrong shape",
                        f -> f.api()
                            .put("/api/v1/push/registration", Map.of("platform", "apns", "token", "not hex".repeat(12)),
                                    f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("push token as an object",
                        f -> f.api()
                            .put("/api/v1/push/registration", Map.of("platform", "fcm", "token", Map.of("a", 1)),
                                    f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("malformed push registration",
                        f -> f.api()
                            .raw("PUT", "/api/v1/push/registration", JSON, "{\"platform\": ",
                                    Map.of("Authorization", "Bearer " + f.phone().accessToken())),
                        400, "malformed_json"),
                new Row("missing consent switch",
                        f -> f.api()
                            .put("/api/v1/account/consents", Map.of("may_recommend", true), f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("nickname too long", f -> f.api()
                    .put("/api/v1/account/appearance", Map.of("nickname", "x".repeat(25)), f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("avatar colour not in the palette", f -> f.api()
                    .put("/api/v1/account/appearance", Map.of("avatar_color", "#ff0000"), f.phone().accessToken()), 400,
                        "validation_failed"),
                new Row("number for a nickname",
                        f -> f.api().put("/api/v1/account/appearance", Map.of("nickname", 42), f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("letters for a notification id",
                        f -> f.api().post("/api/v1/notifications/abc/read", Map.of(), f.phone().accessToken()), 404,
                        "not_found"),
                new Row("unknown notification",
                        f -> f.api().post("/api/v1/notifications/99999999999/read", Map.of(), f.phone().accessToken()),
                        404, "not_found"),
                new Row("missing login",
                        f -> f.api().post("/api/v1/sign-in/password", Map.of("password", "y", "device", TV), null), 400,
                        "validation_failed"),
                new Row("missing password",
                        f -> f.api().post("/api/v1/sign-in/password", Map.of("login", "x", "device", TV), null), 400,
                        "validation_failed"),
                new Row("missing device",
                        f -> f.api().post("/api/v1/sign-in/password", Map.of("login", "x", "password", "y"), null), 400,
                        "validation_failed"),
                new Row("missing device id",
                        f -> f.api()
                            .post("/api/v1/login-requests",
                                    Map.of("login", "x", "device", Map.of("type", "pc", "name", "PC")), null),
                        400, "validation_failed"),
                new Row("unknown device type",
                        f -> f.api()
                            .post("/api/v1/login-requests",
                                    Map.of("login", "x", "device",
                                            Map.of("id", "pc-12345678", "type", "toaster", "name", "PC")),
                                    null),
                        400, "validation_failed"),
                new Row("missing device name",
                        f -> f.api()
                            .post("/api/v1/login-requests",
                                    Map.of("login", "x", "device", Map.of("id", "pc-12345678", "type", "pc")), null),
                        400, "validation_failed"),
                new Row("login name too long",
                        f -> f.api()
                            .post("/api/v1/accounts",
                                    Map.of("login_name", "a".repeat(65), "display_name", "X", "password",
                                            "long enough pw"),
                                    null),
                        400, "validation_failed"),
                new Row("display name too long",
                        f -> f.api()
                            .post("/api/v1/accounts",
                                    Map.of("login_name", TestAccounts.unique("long"), "display_name", "X".repeat(65),
                                            "password", "long enough pw"),
                                    null),
                        400, "validation_failed"),
                new Row("device name too long",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", "x", "password", "y", "device",
                                            Map.of("id", "tv-12345678", "type", "tv", "name", "T".repeat(65))),
                                    null),
                        400, "validation_failed"),
                new Row("password too long",
                        f -> f.api()
                            .post("/api/v1/accounts",
                                    Map.of("login_name", TestAccounts.unique("pw"), "display_name", "X", "password",
                                            "p".repeat(129)),
                                    null),
                        400, "validation_failed"),
                new Row("invalid phone number",
                        f -> f.api()
                            .post("/api/v1/accounts",
                                    Map.of("login_name", TestAccounts.unique("ph"), "display_name", "X", "password",
                                            "long enough pw", "phone_number", "call me maybe"),
                                    null),
                        400, "validation_failed"),
                new Row("body over 64 KiB",
                        f -> raw(f, "POST", "/api/v1/accounts", JSON,
                                "{\"login_name\": \"" + "x".repeat(70_000) + "\"}"),
                        413, "payload_too_large"),
                new Row("text/plain body", f -> raw(f, "POST", "/api/v1/accounts", "text/plain", "hello"), 415,
                        "unsupported_media_type"),
                new Row("wrong HTTP method",
                        f -> f.api()
                            .raw("PATCH", "/api/v1/account", JSON, "{}",
                                    Map.of("Authorization", "Bearer " + f.phone().accessToken())),
                        405, "method_not_allowed"),
                new Row("unknown API path", f -> f.api().get("/api/v1/nothing-here", f.phone().accessToken()), 404,
                        "not_found"),
                new Row("no bearer token", f -> f.api().get("/api/v1/sessions", null), 401, "authentication_required"),
                new Row("garbage bearer token", f -> f.api().get("/api/v1/sessions", "not.a.jwt"), 401,
                        "invalid_token"),
                new Row("token of a signed-out device",
                        f -> f.api().get("/api/v1/sessions", f.signedOut().accessToken()), 401, "invalid_token"),
                new Row("ID token used as access token", f -> f.api().get("/api/v1/sessions", f.phone().idToken()), 401,
                        "invalid_token"),
                new Row("unknown session id",
                        f -> f.api().delete("/api/v1/sessions/no-such-session", f.phone().accessToken()), 404,
                        "session_not_found"),
                new Row("another account's session",
                        f -> f.api().delete("/api/v1/sessions/" + f.othersSession(), f.phone().accessToken()), 404,
                        "session_not_found"),
                new Row("own session already signed out",
                        f -> f.api().delete("/api/v1/sessions/" + f.signedOut().sessionId(), f.phone().accessToken()),
                        409, "session_already_signed_out"),
                new Row("non-numeric Last-Event-ID",
                        f -> f.api()
                            .raw("GET", "/api/v1/push/stream", null, null,
                                    Map.of("Authorization", "Bearer " + f.phone().accessToken(), "Last-Event-ID",
                                            "yesterday")),
                        400, "validation_failed"),
                new Row("duplicate login name",
                        f -> f.api()
                            .post("/api/v1/accounts",
                                    Map.of("login_name", f.owner().loginName(), "display_name", "X", "password",
                                            "long enough pw"),
                                    null),
                        409, "login_name_taken"),
                new Row("wrong password", f -> f.api()
                    .post("/api/v1/sign-in/password",
                            Map.of("login", f.owner().loginName(), "password", "wrong password", "device", TV), null),
                        401, "invalid_credentials"),
                new Row("unknown account",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", TestAccounts.unique("ghost"), "password", "wrong password",
                                            "device", TV),
                                    null),
                        401, "invalid_credentials"),
                new Row("unknown client_id",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", f.owner().loginName(), "password", TestAccounts.PASSWORD, "device",
                                            TV, "client_id", "no-such-app"),
                                    null),
                        400, "unknown_client"),
                new Row("confidential client on the JSON sign-in",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", f.owner().loginName(), "password", TestAccounts.PASSWORD, "device",
                                            TV, "client_id", "onekey-backend"),
                                    null),
                        400, "unknown_client"),
                new Row("unknown auth_req_id",
                        f -> f.api().post("/api/v1/login-requests/status", Map.of("auth_req_id", "made-up"), null), 404,
                        "login_request_not_found"),
                new Row("wait longer than allowed",
                        f -> f.api()
                            .post("/api/v1/login-requests/status",
                                    Map.of("auth_req_id", "made-up", "wait_seconds", 3600), null),
                        400, "validation_failed"),
                new Row("deny reason unknown",
                        f -> f.api()
                            .post("/api/v1/approvals/any/deny", Map.of("reason", "bored"), f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("approval of an unknown request",
                        f -> f.api()
                            .post("/api/v1/approvals/no-such/approve", Map.of("code", "12"), f.phone().accessToken()),
                        404, "login_request_not_found"),
                new Row("malformed QR user code",
                        f -> f.api().get("/api/v1/device-codes/12-34", f.phone().accessToken()), 400,
                        "validation_failed"),
                new Row("made-up sign-in handle",
                        f -> f.api()
                            .post("/api/v1/sign-in-options/pick", Map.of("handle", "made-up", "device", TV), null),
                        410, "sign_in_choice_invalid"),
                new Row("number for a boolean consent",
                        f -> f.api()
                            .put("/api/v1/account/consents", Map.of("may_recommend", 12345, "may_auto_sign_in", false),
                                    f.phone().accessToken()),
                        400, "validation_failed"),
                new Row("string for a number", f -> f.api()
                    .put("/api/v1/operator/accounts/" + f.owner().loginName() + "/standing",
                            Map.of("status", "active", "membership_tier", "vip", "user_level", "5", "theft_risk_index",
                                    0.1, "sharer_count", 1, "offsite_sign_ins", 0),
                            operatorToken(f)),
                        400, "validation_failed"),
                new Row("number for a device name",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", "x", "password", "y", "device",
                                            Map.of("id", "tv-bad-request-01", "type", "tv", "name", 5)),
                                    null),
                        400, "validation_failed"),
                new Row("right-to-left override in a display name",
                        f -> f.api()
                            .post("/api/v1/accounts",
                                    Map.of("login_name", TestAccounts.unique("rlo"), "display_name", "Dad\u202Egpj.exe",
                                            "password", "long enough pw"),
                                    null),
                        400, "validation_failed"),
                new Row("zero-width joiner in a device name",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", "x", "password", "y", "device",
                                            Map.of("id", "tv-bad-request-01", "type", "tv", "name",
                                                    "Living\u200Droom TV")),
                                    null),
                        400, "validation_failed"),
                new Row("private-use character in an OS string",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", "x", "password", "y", "device",
                                            Map.of("id", "tv-bad-request-01", "type", "tv", "name", "TV", "os",
                                                    "Android \uE000")),
                                    null),
                        400, "validation_failed"),
                new Row("NUL character in a login",
                        f -> f.api()
                            .post("/api/v1/sign-in/password",
                                    Map.of("login", "dad\u0000", "password", "y", "device", TV), null),
                        400, "validation_failed"),
                new Row("NUL character in a path",
                        f -> f.api().get("/api/v1/sessions/abc%00def", f.phone().accessToken()), 400,
                        "invalid_request"),
                new Row("encoded slash in a path",
                        f -> f.api().get("/api/v1/sessions/abc%2Fdef", f.phone().accessToken()), 400,
                        "invalid_request"),
                new Row("oversized header",
                        f -> f.api().raw("GET", "/api/v1/account", JSON, null, Map.of("X-Padding", "x".repeat(20_000))),
                        431, "invalid_request"),
                new Row("a field given twice",
                        f -> raw(f, "POST", "/api/v1/sign-in/password", JSON,
                                "{\"login\": \"x\", \"login\": \"y\", \"password\": \"z\"}"),
                        400, "malformed_json"),
                new Row("bad body while asking for XML", f -> f.api()
                    .raw("POST", "/api/v1/accounts", JSON, "{\"login_name\": ", Map.of("Accept", "application/xml")),
                        400, "malformed_json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void whenTheRequestIsBadThenTheAnswerIs4xxWithTheErrorShape(Row row) {
        Api.Response response = row.request().apply(fixture);
        assertThat(response.status()).as(response.text()).isEqualTo(row.status());
        assertThat(response.json().path("status").asInt()).isEqualTo(row.status());
        assertThat(response.field("code")).isEqualTo(row.code());
        assertThat(response.field("message")).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at java.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void whenTheRequestIsBadThenAtMostOneLineIsLoggedAndNoStackTrace(Row row) {
        assertLogsAtMostOneLine(() -> row.request().apply(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oauthRows")
    void whenAnOAuthRequestIsBadThenAtMostOneLineIsLoggedAndNoStackTrace(String name, Map<String, String> form,
            int status, String error) {
        assertLogsAtMostOneLine(() -> fixture.api().form("/oauth2/token", form));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oauthSurfaceRows")
    void whenAnythingIsWrongOnAnOAuthPathThenAtMostOneLineIsLoggedAndNoStackTrace(String name,
            Function<Api, Api.Response> request, int status) {
        assertLogsAtMostOneLine(() -> request.apply(fixture.api()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cibaRows")
    void whenACibaRequestIsBadThenAtMostOneLineIsLoggedAndNoStackTrace(String name, Map<String, String> form,
            int status, String error) {
        assertLogsAtMostOneLine(
                () -> fixture.api().form("/oauth2/bc-authorize", form, "onekey-ciba", "change-me-ciba-secret"));
    }

    /**
     * A client repeating its mistakes cannot fill the log: client errors are not worth a
     * line at INFO or above (see DESIGN.md, "Errors and logs").
     */
    @Test
    void whenAClientSendsFiveHundredBadRequestsInARowThenNothingIsLoggedAtInfoOrAbove() {
        List<Row> flood = rows().filter(row -> FLOOD.contains(row.name())).toList();
        assertThat(flood).hasSize(FLOOD.size());
        log.clear();
        for (int i = 0; i < 500; i++) {
            Row row = flood.get(i % flood.size());
            assertThat(row.request().apply(fixture).status()).as(row.name()).isEqualTo(row.status());
        }
        log.settle(LOG_WINDOW, lines -> false);
        assertThat(log.atOrAbove(Level.INFO)).isEmpty();
        assertThat(log.lines()).noneMatch(LogCapture.Line::hasStackTrace);
    }

    /**
     * Mistakes that reach each layer: Jetty, the filters, Spring Security, Jackson,
     * Spring MVC, the features.
     */
    private static final List<String> FLOOD = List.of("malformed JSON", "bad body while asking for XML",
            "NUL character in a path", "encoded slash in a path", "oversized header", "garbage bearer token",
            "no bearer token", "unknown API path", "wrong HTTP method", "text/plain body", "body over 64 KiB",
            "NUL character in a login", "a field given twice", "unknown session id", "non-numeric Last-Event-ID");

    private void assertLogsAtMostOneLine(Runnable request) {
        log.clear();
        request.run();
        log.settle(LOG_WINDOW, BadRequestTableTest::tooMuch);
        List<LogCapture.Line> lines = log.lines();
        assertThat(lines).as("no stack trace").noneMatch(LogCapture.Line::hasStackTrace);
        assertThat(lines.stream().filter(l -> l.level().isGreaterOrEqual(Level.WARN)).toList())
            .as("at most one line at WARN or above")
            .hasSizeLessThanOrEqualTo(1)
            .allSatisfy(line -> assertThat(line.lineCount()).as(line.toString()).isEqualTo(1));
    }

    private static boolean tooMuch(List<LogCapture.Line> lines) {
        return lines.stream().anyMatch(LogCapture.Line::hasStackTrace)
                || lines.stream().filter(l -> l.level().isGreaterOrEqual(Level.WARN)).count() > 1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oauthRows")
    void whenAnOAuthRequestIsBadThenTheAnswerIs4xxInTheOAuthFormat(String name, Map<String, String> form, int status,
            String error) {
        Api.Response response = fixture.api().form("/oauth2/token", form);
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.field("error")).isEqualTo(error);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> oauthRows() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("garbage refresh token",
                        Api.fields("grant_type", "refresh_token", "client_id", "onekey-device", "refresh_token",
                                "garbage"),
                        400, "invalid_grant"),
                org.junit.jupiter.params.provider.Arguments.of("unsupported grant type",
                        Api.fields("grant_type", "password", "client_id", "onekey-device", "username", "x", "password",
                                "y"),
                        401, "invalid_client"),
                org.junit.jupiter.params.provider.Arguments.of("no client at all",
                        Api.fields("grant_type", "client_credentials"), 401, "invalid_client"),
                org.junit.jupiter.params.provider.Arguments.of("NUL character in a refresh token",
                        Api.fields("grant_type", "refresh_token", "client_id", "onekey-device", "refresh_token",
                                "abc\u0000def"),
                        400, "invalid_request"));
    }

    /**
     * The authorization server's paths answer in the OAuth 2.0 error format whatever went
     * wrong.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oauthSurfaceRows")
    void whenAnythingIsWrongOnAnOAuthPathThenTheAnswerIsAnOAuthError(String name, Function<Api, Api.Response> request,
            int status) {
        Api.Response response = request.apply(fixture.api());
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.field("error")).as(response.text()).isNotBlank();
        assertThat(response.json().has("code")).as(response.text()).isFalse();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> oauthSurfaceRows() {
        String form = "application/x-www-form-urlencoded";
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("unknown OAuth path",
                        (Function<Api, Api.Response>) api -> api.raw("POST", "/oauth2/nothing-here", form,
                                "grant_type=refresh_token", Map.of()),
                        404),
                org.junit.jupiter.params.provider.Arguments.of("GET on the token endpoint",
                        (Function<Api, Api.Response>) api -> api.raw("GET", "/oauth2/token", form, null, Map.of()),
                        404),
                org.junit.jupiter.params.provider.Arguments.of("token request too large",
                        (Function<Api, Api.Response>) api -> api.raw("POST", "/oauth2/token", form,
                                "grant_type=refresh_token&padding=" + "x".repeat(70_000), Map.of()),
                        413),
                org.junit.jupiter.params.provider.Arguments.of("JSON sent to the token endpoint",
                        (Function<Api, Api.Response>) api -> api.raw("POST", "/oauth2/token", JSON,
                                "{\"grant_type\": \"refresh_token\"}", Map.of()),
                        401),
                org.junit.jupiter.params.provider.Arguments.of("encoded slash in an OAuth path",
                        (Function<Api, Api.Response>) api -> api.raw("POST", "/oauth2/tok%2Fen", form,
                                "grant_type=refresh_token", Map.of()),
                        400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cibaRows")
    void whenACibaRequestIsBadThenTheAnswerIs4xxInTheOAuthFormat(String name, Map<String, String> form, int status,
            String error) {
        Api.Response response = fixture.api()
            .form("/oauth2/bc-authorize", form, "onekey-ciba", "change-me-ciba-secret");
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.field("error")).isEqualTo(error);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> cibaRows() {
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of("NUL character in login_hint",
                Api.fields("scope", "openid", "login_hint", "dad\u0000"), 400, "invalid_request"));
    }

    private static String operatorToken(Fixture f) {
        return f.api()
            .form("/oauth2/token", Api.fields("grant_type", "client_credentials", "scope", "operator"),
                    "onekey-backend", "change-me-backend-secret")
            .field("access_token");
    }

    private static Api.Response raw(Fixture f, String method, String path, String contentType, String body) {
        return f.api().raw(method, path, contentType, body, Map.of());
    }

}
