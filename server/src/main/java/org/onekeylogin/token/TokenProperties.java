package org.onekeylogin.token;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes and the OAuth2 clients the authorization server knows
 * ({@code onekey.tokens}, {@code onekey.clients}).
 */
@ConfigurationProperties("onekey")
public record TokenProperties(@DefaultValue Tokens tokens, List<Client> clients, @Nullable String issuer) {

    public TokenProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    public java.util.Optional<Client> client(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    /**
     * Lifetimes, and the refresh grace window: how long after a refresh the refresh token
     * it exchanged, presented again, gets the same new tokens instead of being treated as
     * stolen (zero turns the window off). {@code deviceCodeTtl} is how long a device code
     * and its user code (RFC 8628 section 3.2, {@code expires_in}) stay valid;
     * {@code deviceCodeInterval} is how long a device waits between two polls of its
     * device code ({@code interval}, whole seconds, at least one).
     */
    public record Tokens(@DefaultValue("PT10M") Duration accessTokenTtl, @DefaultValue("P30D") Duration refreshTokenTtl,
            @DefaultValue("PT5S") Duration refreshGrace, @DefaultValue("600") int requestsPerClientAndIpPerMinute,
            @DefaultValue("PT5M") Duration deviceCodeTtl, @DefaultValue("PT5S") Duration deviceCodeInterval) {

        public Tokens {
            if (deviceCodeTtl.isNegative() || deviceCodeTtl.isZero()) {
                throw new IllegalArgumentException("onekey.tokens.device-code-ttl must be positive");
            }
            if (deviceCodeInterval.toSeconds() < 1 || deviceCodeInterval.toNanosPart() != 0) {
                throw new IllegalArgumentException(
                        "onekey.tokens.device-code-interval must be whole seconds, at least 1");
            }
        }
    }

    /**
     * One OAuth2 client. A public client has no secret (device apps, whose binaries
     * cannot keep one); its refresh tokens rotate on every use. A confidential client
     * authenticates with {@code client_secret_basic} or {@code client_secret_post}.
     *
     * <p>
     * Sign-out: {@code backchannelLogoutUri} is where OneKey POSTs a logout token
     * whenever one of the client's sessions ends (OpenID Connect Back-Channel Logout
     * 1.0); {@code postLogoutRedirectUris} are the addresses the end-session endpoint may
     * send the browser back to (OpenID Connect RP-Initiated Logout 1.0), compared
     * exactly. {@code allowedOrigins} are the browser origins
     * ({@code scheme://host[:port]}) whose scripts may call OneKey for this client
     * (CORS).
     *
     * <p>
     * {@code redirectUris} are where the authorization endpoint may send a code (grant
     * {@code authorization_code}): compared exactly, except that a loopback address
     * ({@code 127.0.0.1}, {@code [::1]}) matches on any port (RFC 8252 section 7.3). A
     * public client must use PKCE with {@code S256}; every configured client is the
     * operator's own (first party) and is never asked the person's consent.
     * {@code idTokenSignedResponseAlg} (OpenID Connect Dynamic Client Registration's
     * name) signs the client's ID tokens: {@code ES256} by default, or {@code RS256} for
     * clients that expect OpenID Connect's default algorithm (Spring Security's OAuth2
     * client does).
     */
    public record Client(String clientId, @Nullable String name, @Nullable String clientSecret, boolean publicClient,
            Set<String> grantTypes, Set<String> scopes, @Nullable String backchannelNotificationEndpoint,
            @Nullable String backchannelLogoutUri, Set<String> postLogoutRedirectUris, Set<String> allowedOrigins,
            Set<String> redirectUris, @Nullable SignatureAlgorithm idTokenSignedResponseAlg) {

        public Client {
            redirectUris = redirectUris == null ? Set.of() : new java.util.LinkedHashSet<>(redirectUris);
            if (idTokenSignedResponseAlg == null) {
                idTokenSignedResponseAlg = SignatureAlgorithm.ES256;
            }
            if (idTokenSignedResponseAlg != SignatureAlgorithm.ES256
                    && idTokenSignedResponseAlg != SignatureAlgorithm.RS256) {
                throw new IllegalArgumentException(
                        "Client " + clientId + ": id-token-signed-response-alg is ES256 (the default) or RS256");
            }
            postLogoutRedirectUris = postLogoutRedirectUris == null ? Set.of() : Set.copyOf(postLogoutRedirectUris);
            allowedOrigins = allowedOrigins == null ? Set.of()
                    : allowedOrigins.stream()
                        .map(Client::origin)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
            if (backchannelLogoutUri != null && backchannelLogoutUri.isBlank()) {
                backchannelLogoutUri = null;
            }
            if (backchannelLogoutUri != null) {
                absolute(clientId, "backchannel-logout-uri", backchannelLogoutUri);
            }
            postLogoutRedirectUris.forEach(uri -> absolute(clientId, "post-logout-redirect-uris", uri));
        }

        @Override
        public SignatureAlgorithm idTokenSignedResponseAlg() {
            return idTokenSignedResponseAlg == null ? SignatureAlgorithm.ES256 : idTokenSignedResponseAlg;
        }

        /**
         * An origin as browsers send it: lower-case scheme and host, no path and no
         * trailing slash; refused at start-up otherwise, so a typo cannot silently block
         * an app.
         */
        private static String origin(String value) {
            String origin = value.strip().toLowerCase(java.util.Locale.ROOT);
            java.net.URI uri;
            try {
                uri = new java.net.URI(origin);
            }
            catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("allowed-origins: '" + value + "' is not an origin");
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("allowed-origins: '" + value
                        + "' is not an origin (scheme://host[:port], without a path or a trailing slash)");
            }
            return origin;
        }

        private static void absolute(String clientId, String setting, String uri) {
            java.net.URI parsed;
            try {
                parsed = new java.net.URI(uri);
            }
            catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(
                        "Client " + clientId + ": " + setting + " '" + uri + "' is not a valid URI");
            }
            if (!parsed.isAbsolute() || parsed.getHost() == null || parsed.getRawFragment() != null) {
                throw new IllegalArgumentException("Client " + clientId + ": " + setting + " '" + uri
                        + "' must be an absolute URI without a fragment");
            }
        }
    }
}
