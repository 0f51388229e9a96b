package org.onekeylogin.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.RedisServer;
import org.onekeylogin.support.ServiceProcess;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestDatabase;

/**
 * Three nodes of the service, each its own process as an operator runs them, on one
 * PostgreSQL schema and one Redis of the test's own: any node serves any step. The nodes
 * start together on the empty database. The last tests kill a node and stop Redis.
 *
 * <p>
 * PostgreSQL only: several processes cannot share the embedded H2 database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    /**
     * Long enough for a live bus, far shorter than a stream's reconnect or a poll's wait.
     */
    private static final Duration LIVE = Duration.ofSeconds(3);

    private static final String[] LIMITS = { "--onekey.sign-in.password-attempts-per-ip-per-minute=100000",
            "--onekey.approval.requests-per-ip-per-minute=100000", "--onekey.approval.requester-burst=5",
            "--onekey.registration.per-ip-per-hour=40", "--onekey.tokens.requests-per-client-and-ip-per-minute=100000",
            "--onekey.redis.fallback-interval=PT1S", "--server.forward-headers-strategy=native",
            // three nodes next to the suite's own test services, within PostgreSQL's 100
            // connections
            "--spring.datasource.hikari.maximum-pool-size=5" };

    private Map<String, Object> database;

    private RedisServer redis;

    private final List<ServiceProcess> nodes = new ArrayList<>();

    private Api a;

    private Api b;

    private Api c;

    private TestAccounts accounts;

    @BeforeAll
    void startThreeNodesTogether() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "three processes share one PostgreSQL schema");
        Path run = Path.of("target", "cluster-test", TestAccounts.unique("run")).toAbsolutePath();
        redis = RedisServer.start(run.resolve("redis.log"));
        database = TestDatabase.fresh();
        List<String> args = new ArrayList<>(List.of(LIMITS));
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--onekey.redis.url=" + redis.url());
        ExecutorService starting = Executors.newFixedThreadPool(3);
        List<Future<ServiceProcess>> started = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            started.add(starting.submit(() -> ServiceProcess.start(run.resolve(name), run.resolve(name + ".log"),
                    args.toArray(String[]::new))));
        }
        for (Future<ServiceProcess> node : started) {
            nodes.add(node.get());
        }
        starting.shutdown();
        a = new Api(nodes.get(0).port());
        b = new Api(nodes.get(1).port());
        c = new Api(nodes.get(2).port());
        accounts = new TestAccounts(a);
    }

    @AfterAll
    void stopAll() {
        nodes.forEach(ServiceProcess::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void whenThreeNodesStartTogetherOnAnEmptyDatabaseThenThereIsOneOfEachKeyAndOneSchema() throws Exception {
        try (Connection db = connect()) {
            // one P-256 key (ES256) and one RSA key (RS256 ID tokens)
            assertThat(count(db, "SELECT COUNT(*) FROM signing_key")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM server_secret WHERE name = 'network-hmac'")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM server_secret WHERE name = 'browser-sign-in'")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        }
        String jwks = a.get("/oauth2/jwks", null).text();
        assertThat(b.get("/oauth2/jwks", null).text()).isEqualTo(jwks);
        assertThat(c.get("/oauth2/jwks", null).text()).isEqualTo(jwks);
        for (Api node : List.of(a, b, c)) {
            Api.Response health = node.get("/actuator/health", null);
            assertThat(health.at("/components/eventBus/status")).as(health.text()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void whenThePcAsksOnOneNodeAndThePhoneApprovesOnAnotherThenEveryStepIsLive() throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        try (EventStream phoneEvents = b.stream(phone.accessToken(), null)) {
            assertThat(phoneEvents.awaitOpen()).isEqualTo(200);
            Api.Response asked = startLogin(a, dad.loginName(), TestAccounts.unique("pc"));
            assertThat(asked.status()).as(asked.text()).isEqualTo(201);

            EventStream.Event prompt = phoneEvents.next(LIVE);
            assertThat(prompt).as("the prompt reaches the phone's stream on node B").isNotNull();
            assertThat(prompt.name()).isEqualTo("login_request");

            CompletableFuture<Api.Response> longPoll = CompletableFuture
                .supplyAsync(() -> a.post("/api/v1/login-requests/status",
                        Map.of("auth_req_id", asked.field("auth_req_id"), "wait_seconds", 25), null));
            Thread.sleep(300);
            Api.Response approved = c.post(
                    "/api/v1/approvals/" + prompt.json().path("request_id").asString() + "/approve",
                    Map.of("code", asked.field("verification_code")), phone.accessToken());
            assertThat(approved.status()).as(approved.text()).isEqualTo(200);
            Api.Response status = longPoll.get(LIVE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(status.field("status")).as("the PC's long poll on node A answers").isEqualTo("approved");

            List<Integer> collected = Concurrently.run(6,
                    i -> List.of(a, b, c)
                        .get(i % 3)
                        .post("/api/v1/login-requests/session", Map.of("auth_req_id", asked.field("auth_req_id")), null)
                        .status());
            assertThat(collected).filteredOn(s -> s == 200).as("tokens collected once, whichever node").hasSize(1);
        }
    }

    @Test
    @Order(3)
    void whenADeviceIsSignedOutOnOneNodeThenItsStreamOnAnotherEndsAndItsTokensAreRefusedEverywhere() {
        TestAccounts.Account mum = accounts.register("mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        TestAccounts.Device tv = accounts.signIn(mum, "tv", "Kitchen TV");
        try (EventStream tvEvents = b.stream(tv.accessToken(), null)) {
            assertThat(tvEvents.awaitOpen()).isEqualTo(200);
            assertThat(a.delete("/api/v1/sessions/" + tv.sessionId(), phone.accessToken()).status()).isEqualTo(204);
            EventStream.Event signedOut = tvEvents.next(LIVE);
            assertThat(signedOut).as("signed_out on node B").isNotNull();
            assertThat(signedOut.name()).isEqualTo("signed_out");
            assertThat(tvEvents.awaitEnd(LIVE)).as("and the stream ends").isTrue();
        }
        assertThat(b.get("/api/v1/account", tv.accessToken()).status()).isEqualTo(401);
        assertThat(c.get("/api/v1/account", tv.accessToken()).status()).isEqualTo(401);
        Api.Response refresh = c.form("/oauth2/token", Api.fields("grant_type", "refresh_token", "refresh_token",
                tv.refreshToken(), "client_id", "onekey-device"));
        assertThat(refresh.field("error")).isEqualTo("invalid_grant");
    }

    @Test
    @Order(4)
    void whenRequestsForOneAccountAreSpreadOverTheNodesThenTheLimitCountsThemAll() {
        for (int round = 0; round < 3; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            accounts.signIn(dad, "phone", "Dad's phone");
            String pc = TestAccounts.unique("stranger-pc");
            List<Integer> statuses = Concurrently.run(30,
                    i -> startLogin(List.of(a, b, c).get(i % 3), dad.loginName(), pc).status());
            assertThat(statuses).filteredOn(s -> s == 201).as("five per requester, on any node").hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(25);
        }
    }

    @Test
    @Order(5)
    void whenRegistrationsFromOneAddressAreSpreadOverTheNodesThenThePerAddressLimitCountsThemAll() {
        String address = "198.51.100." + (int) (Math.random() * 200 + 20);
        List<Integer> statuses = Concurrently.run(60,
                i -> List.of(a, b, c)
                    .get(i % 3)
                    .raw("POST", "/api/v1/accounts", "application/json",
                            Api.JSON.writeValueAsString(Map.of("login_name", TestAccounts.unique("kid"), "display_name",
                                    "Kid", "password", TestAccounts.PASSWORD)),
                            Map.of("X-Forwarded-For", address))
                    .status());
        assertThat(statuses).filteredOn(s -> s == 201).as("40 an hour from one address, across the nodes").hasSize(40);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(20);
    }

    @Test
    @Order(6)
    void whenATvShowsAQrCodeOnOneNodeAndAPhoneApprovesOnAnotherThenTheTvCollectsOnAThird() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        Api.Response shown = a.form("/oauth2/device_authorization",
                Api.fields("client_id", "onekey-device", "scope", "profile", "device_id", TestAccounts.unique("tv"),
                        "device_type", "tv", "device_name", "Living-room TV"));
        assertThat(shown.status()).as(shown.text()).isEqualTo(200);
        Api.Response approved = b.post("/api/v1/device-codes/" + shown.field("user_code") + "/approve", "{}",
                phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        Api.Response tokens = c.form("/oauth2/token",
                Api.fields("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code",
                        shown.field("device_code"), "client_id", "onekey-device"));
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        assertThat(tokens.field("access_token")).isNotBlank();
    }

    @Test
    @Order(6)
    void whenABrowserSignsInOnOneNodeThenAnotherIssuesItsCodeAndAThirdExchangesIt() throws Exception {
        TestAccounts.Account dad = accounts.register("Dad");
        TestAccounts.Device page = accounts.signIn(dad, "pc", "Web browser");
        Api.Response handedOver = a.raw("POST", "/api/v1/browser-sign-in", null, null,
                Map.of("Authorization", "Bearer " + page.accessToken()));
        assertThat(handedOver.status()).as(handedOver.text()).isEqualTo(204);
        String cookie = handedOver.header("Set-Cookie").split(";", 2)[0];
        String verifier = "a-code-verifier-of-at-least-43-characters-0123456789";
        String challenge = java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:43210/login/oauth2/code/onekey";

        Api.Response authorized = b.raw("GET",
                "/oauth2/authorize?response_type=code&client_id=onekey-demo-web&scope=openid&state=xyz"
                        + "&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri="
                        + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8),
                null, null, Map.of("Cookie", cookie));
        assertThat(authorized.status()).as(authorized.text()).isEqualTo(302);
        assertThat(authorized.header("Location")).startsWith(redirect + "?code=").endsWith("&state=xyz");
        String code = authorized.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1");

        Api.Response tokens = c.form("/oauth2/token", Api.fields("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirect, "client_id", "onekey-demo-web", "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        assertThat(a.get("/userinfo", tokens.field("access_token")).field("sub")).isEqualTo(dad.id());
    }

    @Test
    @Order(7)
    void whenTheNodeHoldingThePhonesStreamDiesThenThePhoneReconnectsToAnotherAndMissesNothing() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        String lastId;
        try (EventStream onB = b.stream(phone.accessToken(), null)) {
            assertThat(onB.awaitOpen()).isEqualTo(200);
            assertThat(startLogin(a, dad.loginName(), TestAccounts.unique("pc")).status()).isEqualTo(201);
            EventStream.Event first = onB.next(LIVE);
            assertThat(first).isNotNull();
            lastId = first.id();
            nodes.get(1).kill();
        }
        Api.Response missed = startLogin(a, dad.loginName(), TestAccounts.unique("laptop"));
        assertThat(missed.status()).as(missed.text()).isEqualTo(201);
        try (EventStream onC = c.stream(phone.accessToken(), Long.parseLong(lastId))) {
            assertThat(onC.awaitOpen()).isEqualTo(200);
            EventStream.Event replayed = onC.next(LIVE);
            assertThat(replayed).as("the request made while the phone was between nodes").isNotNull();
            assertThat(replayed.name()).isEqualTo("login_request");
            assertThat(Long.parseLong(replayed.id())).isGreaterThan(Long.parseLong(lastId));
        }
    }

    @Test
    @Order(8)
    void whenRedisStopsThenSignInStillWorksAcrossNodesAndWhenItReturnsDeliveryIsLiveAgain() throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        redis.stop();
        awaitBus(a, "DEGRADED");
        awaitBus(c, "DEGRADED");
        assertThat(a.get("/actuator/health", null).status()).as("a degraded node still serves").isEqualTo(200);

        try (EventStream phoneEvents = c.stream(phone.accessToken(), null)) {
            assertThat(phoneEvents.awaitOpen()).isEqualTo(200);
            Api.Response asked = startLogin(a, dad.loginName(), TestAccounts.unique("pc"));
            assertThat(asked.status()).as(asked.text()).isEqualTo(201);
            EventStream.Event prompt = phoneEvents.next(Duration.ofSeconds(6));
            assertThat(prompt).as("the prompt reaches node C from the database").isNotNull();
            CompletableFuture<Api.Response> longPoll = CompletableFuture
                .supplyAsync(() -> a.post("/api/v1/login-requests/status",
                        Map.of("auth_req_id", asked.field("auth_req_id"), "wait_seconds", 25), null));
            Thread.sleep(300);
            assertThat(c
                .post("/api/v1/approvals/" + prompt.json().path("request_id").asString() + "/approve",
                        Map.of("code", asked.field("verification_code")), phone.accessToken())
                .status()).isEqualTo(200);
            assertThat(longPoll.get(6, java.util.concurrent.TimeUnit.SECONDS).field("status")).isEqualTo("approved");
            assertThat(a.post("/api/v1/login-requests/session", Map.of("auth_req_id", asked.field("auth_req_id")), null)
                .status()).isEqualTo(200);
        }

        redis.start();
        awaitBus(a, "UP");
        awaitBus(c, "UP");
        try (EventStream phoneEvents = c.stream(phone.accessToken(), null)) {
            assertThat(phoneEvents.awaitOpen()).isEqualTo(200);
            assertThat(startLogin(a, dad.loginName(), TestAccounts.unique("tablet")).status()).isEqualTo(201);
            EventStream.Event prompt = phoneEvents.next(LIVE);
            assertThat(prompt).as("live again after Redis returned").isNotNull();
            assertThat(prompt.name()).isEqualTo("login_request");
        }
    }

    private static void awaitBus(Api node, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = node.get("/actuator/health", null).at("/components/eventBus/status");
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The event bus stayed " + seen + ", expected " + status);
    }

    private static Api.Response startLogin(Api node, String login, String deviceId) {
        return node.post("/api/v1/login-requests",
                Map.of("login", login, "device", Map.of("id", deviceId, "type", "pc", "name", "Windows PC")), null);
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection((String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"), "");
    }

    private static int count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

}
