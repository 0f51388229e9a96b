package org.onekeylogin.push.platform;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FCM HTTP v1 and Google's OAuth token endpoint, as a local server: the token endpoint
 * issues an access token only for a JWT assertion signed with the service account's key
 * (generated here, and written as the service account's JSON key file), and the send
 * endpoint accepts a message only with that access token. Tokens named dead get FCM's
 * {@code UNREGISTERED} answer; while {@link #failures} is above zero, sends get
 * {@code 503 UNAVAILABLE}.
 */
final class LocalFcm implements AutoCloseable {

    static final String PROJECT = "onekey-test";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A message FCM accepted, as sent. */
    record Sent(JsonNode message) {

        String token() {
            return message.path("token").asString();
        }

    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    final Set<String> deadTokens = ConcurrentHashMap.newKeySet();

    final AtomicInteger failures = new AtomicInteger();

    final AtomicInteger tokensIssued = new AtomicInteger();

    final AtomicInteger refusedCalls = new AtomicInteger();

    private final Set<String> issuedAccessTokens = ConcurrentHashMap.newKeySet();

    private final KeyPair serviceAccountKey;

    private final HttpServer server;

    private final Path credentials;

    LocalFcm() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.serviceAccountKey = generator.generateKeyPair();
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/token", this::token);
            server.createContext("/v1/projects/" + PROJECT + "/messages:send", this::send);
            server.start();
            this.credentials = Files.createTempFile("fcm-service-account", ".json");
            Files.writeString(credentials, JSON.writeValueAsString(serviceAccountJson()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Path credentialsFile() {
        return credentials;
    }

    List<Sent> sentTo(String token) {
        return sent.stream().filter(s -> s.token().equals(token)).toList();
    }

    private Map<String, Object> serviceAccountJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(serviceAccountKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", PROJECT);
        json.put("private_key_id", "test-key-1");
        json.put("private_key", pem);
        json.put("client_email", "onekey-push@" + PROJECT + ".iam.gserviceaccount.com");
        json.put("client_id", "1234567890");
        json.put("token_uri", baseUrl() + "/token");
        return json;
    }

    /** Google's token endpoint for a service account: a JWT bearer assertion. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        try {
            SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
            var claims = assertion.getJWTClaimsSet();
            boolean valid = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                    && assertion.verify(new RSASSAVerifier((RSAPublicKey) serviceAccountKey.getPublic()))
                    // the audience Google's token endpoint checks, whichever URL the
                    // request went to
                    && claims.getAudience().contains("https://oauth2.googleapis.com/token")
                    && String.valueOf(claims.getClaim("scope")).contains(FcmGateway.SCOPE)
                    && claims.getIssuer().equals("onekey-push@" + PROJECT + ".iam.gserviceaccount.com");
            if (!valid) {
                refusedCalls.incrementAndGet();
                respond(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
        }
        catch (Exception e) {
            refusedCalls.incrementAndGet();
            respond(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String accessToken = "ya29.test-" + UUID.randomUUID();
        issuedAccessTokens.add(accessToken);
        tokensIssued.incrementAndGet();
        respond(exchange, 200, Map.of("access_token", accessToken, "expires_in", 3600, "token_type", "Bearer"));
    }

    private void send(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !issuedAccessTokens.contains(authorization.substring(7))) {
            refusedCalls.incrementAndGet();
            respond(exchange, 401, error(401, "UNAUTHENTICATED", null));
            return;
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            respond(exchange, 503, error(503, "UNAVAILABLE", "UNAVAILABLE"));
            return;
        }
        JsonNode message = JSON.readTree(body).path("message");
        if (deadTokens.contains(message.path("token").asString())) {
            respond(exchange, 404, error(404, "NOT_FOUND", "UNREGISTERED"));
            return;
        }
        sent.add(new Sent(message));
        respond(exchange, 200, Map.of("name", "projects/" + PROJECT + "/messages/" + sent.size()));
    }

    private static Map<String, Object> error(int code, String status, String fcmCode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", status);
        error.put("status", status);
        if (fcmCode != null) {
            error.put("details", List
                .of(Map.of("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode", fcmCode)));
        }
        return Map.of("error", error);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
