package org.onekeylogin.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One service context for the tests of what OneKey sends to and accepts from its clients'
 * back ends and browser apps (CIBA pings, back-channel logouts, RP-initiated logout,
 * CORS). Test classes extend this and are {@link ServiceTest}s; sharing the property
 * method keeps them on one application context. The clients:
 * <ul>
 * <li>{@code onekey-device}: the public device client, whose back end listens for
 * back-channel logouts at {@link #BACK_END}, with a post-logout redirect URI and the
 * allowed origin {@link #TV_ORIGIN};
 * <li>{@code ping-client}: a confidential CIBA client in ping mode, notified at the same
 * back end, allowed origin {@link #CIBA_ORIGIN};
 * <li>{@code stock-web}: a web app (authorization code + PKCE, RS256 ID tokens) whose
 * back end is Spring Security's OAuth2 client listening on {@link #WEB_APP_PORT}, with
 * its own back-channel logout endpoint.
 * </ul>
 */
public abstract class RelyingParties {

    public static final String DEVICE_CLIENT = "onekey-device";

    public static final String PING_CLIENT = "ping-client";

    public static final String PING_SECRET = "ping-client-secret";

    public static final String TV_ORIGIN = "https://tv.example";

    public static final String CIBA_ORIGIN = "https://ciba.example";

    public static final String SIGNED_OUT_PAGE = "https://tv.example/signed-out";

    /** A request the client back end received. */
    public record Received(String path, String contentType, String authorization, String body) {

        /** A form field of the body. */
        public String form(String name) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    public static final String WEB_CLIENT = "stock-web";

    /** The port the stock web app listens on, chosen before the service starts. */
    public static final int WEB_APP_PORT = freePort();

    /** The clients' back end: a real HTTP server on a free port. */
    public static final BackEnd BACK_END = new BackEnd();

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("onekey.clients[0].client-id", () -> DEVICE_CLIENT);
        registry.add("onekey.clients[0].public-client", () -> "true");
        registry.add("onekey.clients[0].grant-types",
                () -> "refresh_token,urn:ietf:params:oauth:grant-type:device_code");
        registry.add("onekey.clients[0].scopes", () -> "openid,profile");
        registry.add("onekey.clients[0].backchannel-logout-uri", () -> BACK_END.url("/backchannel-logout"));
        registry.add("onekey.clients[0].post-logout-redirect-uris", () -> SIGNED_OUT_PAGE);
        registry.add("onekey.clients[0].allowed-origins", () -> TV_ORIGIN);
        registry.add("onekey.clients[1].client-id", () -> PING_CLIENT);
        registry.add("onekey.clients[1].client-secret", () -> PING_SECRET);
        registry.add("onekey.clients[1].grant-types", () -> "urn:openid:params:grant-type:ciba,refresh_token");
        registry.add("onekey.clients[1].scopes", () -> "openid,profile");
        registry.add("onekey.clients[1].backchannel-notification-endpoint", () -> BACK_END.url("/ciba/ping"));
        registry.add("onekey.clients[1].allowed-origins", () -> CIBA_ORIGIN);
        registry.add("onekey.clients[2].client-id", () -> WEB_CLIENT);
        registry.add("onekey.clients[2].name", () -> "Stock web app");
        registry.add("onekey.clients[2].public-client", () -> "true");
        registry.add("onekey.clients[2].grant-types", () -> "authorization_code,refresh_token");
        registry.add("onekey.clients[2].scopes", () -> "openid,profile");
        registry.add("onekey.clients[2].redirect-uris", () -> "http://127.0.0.1/login/oauth2/code/onekey");
        registry.add("onekey.clients[2].id-token-signed-response-alg", () -> "RS256");
        registry.add("onekey.clients[2].backchannel-logout-uri",
                () -> "http://127.0.0.1:" + WEB_APP_PORT + "/logout/connect/back-channel/onekey");
        registry.add("onekey.backchannel-logout.first-backoff", () -> "PT0.05S");
        registry.add("onekey.backchannel-logout.poll-interval", () -> "PT0.2S");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The clients' back end. It answers 204 to CIBA pings and 200 to logouts, except that
     * {@link #failNext} logouts get a 503 first.
     */
    public static final class BackEnd {

        private final HttpServer server;

        private final BlockingQueue<Received> pings = new LinkedBlockingQueue<>();

        private final BlockingQueue<Received> logouts = new LinkedBlockingQueue<>();

        private final AtomicInteger failures = new AtomicInteger();

        private final AtomicInteger refusedAttempts = new AtomicInteger();

        BackEnd() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/ciba/ping", exchange -> {
                pings.add(read("/ciba/ping", exchange));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.createContext("/backchannel-logout", exchange -> {
                Received received = read("/backchannel-logout", exchange);
                if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    refusedAttempts.incrementAndGet();
                    exchange.sendResponseHeaders(503, -1);
                }
                else {
                    logouts.add(received);
                    exchange.getResponseHeaders().add("Cache-Control", "no-store");
                    exchange.sendResponseHeaders(200, -1);
                }
                exchange.close();
            });
            server.start();
        }

        private static Received read(String path, HttpExchange exchange) throws IOException {
            return new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }

        public String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        /** The next CIBA ping, or null if none arrives within {@code timeout}. */
        public Received nextPing(Duration timeout) {
            return poll(pings, timeout);
        }

        /**
         * The next back-channel logout accepted (answered 200), or null if none arrives
         * within {@code timeout}.
         */
        public Received nextLogout(Duration timeout) {
            return poll(logouts, timeout);
        }

        /** The next {@code n} logouts are answered 503 Service Unavailable. */
        public void failNext(int n) {
            failures.set(n);
        }

        /** How many logout attempts were answered 503 so far. */
        public int refusedAttempts() {
            return refusedAttempts.get();
        }

        private static Received poll(BlockingQueue<Received> queue, Duration timeout) {
            try {
                return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

    }

}
