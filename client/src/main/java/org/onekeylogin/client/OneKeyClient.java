package org.onekeylogin.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point of the OneKey client library. One instance per app (it is thread-safe):
 *
 * <pre>{@code
 * OneKeyClient onekey = OneKeyClient.builder("https://login.example.com")
 *     .tokenStore(new MyEncryptedTokenStore())
 *     .build();
 * SignInClient signIn = onekey.signIn();            // not signed in: the sign-in screen
 * SessionClient me = onekey.session("main");        // signed in: tokens in the store
 * }</pre>
 */
public final class OneKeyClient {

    private final Wire wire;

    private final TokenStore store;

    private final String clientId;

    private final Clock clock;

    private final Map<String, TokenManager> sessions = new ConcurrentHashMap<>();

    private OneKeyClient(Builder b) {
        this.wire = new Wire(b.baseUri, b.transport, b.timeout);
        this.store = b.store;
        this.clientId = b.clientId;
        this.clock = b.clock;
    }

    public static Builder builder(String baseUrl) {
        return new Builder(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /** The calls of a device that is not signed in. */
    public SignInClient signIn() {
        return new SignInClient(wire, clientId, clock);
    }

    /**
     * The calls of the session whose tokens the {@link TokenStore} keeps under
     * {@code key}. A call fails with {@link SignedOutException} when there are none.
     */
    public SessionClient session(String key) {
        return new SessionClient(wire, manager(key));
    }

    /**
     * Keeps the tokens of a completed sign-in under {@code key}, and returns its calls.
     */
    public SessionClient signedIn(String key, Tokens tokens) {
        TokenManager manager = manager(key);
        manager.save(tokens);
        return new SessionClient(wire, manager);
    }

    /** As {@link #signedIn(String, Tokens)}, with the tokens of {@code signedIn}. */
    public SessionClient signedIn(String key, SignedIn signedIn) {
        return signedIn(key, signedIn.tokens());
    }

    private TokenManager manager(String key) {
        Objects.requireNonNull(key, "key");
        return sessions.computeIfAbsent(key, k -> new TokenManager(k, store, wire, clientId, clock));
    }

    /** Options of a client; only the service's address is required. */
    public static final class Builder {

        private final URI baseUri;

        private HttpTransport transport;

        private TokenStore store = new InMemoryTokenStore();

        private String clientId = "onekey-device";

        private Duration timeout = Duration.ofSeconds(30);

        private Clock clock = Clock.systemUTC();

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        /** How to send HTTP; default {@link JdkHttpTransport}. */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        /** Where tokens are kept; default {@link InMemoryTokenStore}. */
        public Builder tokenStore(TokenStore store) {
            this.store = Objects.requireNonNull(store);
            return this;
        }

        /** The public device client the tokens are for; default {@code onekey-device}. */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId);
            return this;
        }

        /** How long to wait for an answer (long polls wait longer); default 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The device's clock, for access token expiry; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public OneKeyClient build() {
            if (transport == null) {
                transport = new JdkHttpTransport();
            }
            return new OneKeyClient(this);
        }

    }

}
