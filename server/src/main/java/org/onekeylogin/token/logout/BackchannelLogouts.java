package org.onekeylogin.token.logout;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.SessionRevoked;
import org.onekeylogin.system.AfterCommit;
import org.onekeylogin.system.DeliveryLoop;
import org.onekeylogin.token.SessionClaims;
import org.onekeylogin.token.TokenProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * OpenID Connect Back-Channel Logout 1.0: whenever a session of a client that registered
 * a {@code backchannel-logout-uri} ends, for whatever reason, the client's back end is
 * sent a logout token naming the session ({@code sid}) and the account ({@code sub}).
 *
 * <p>
 * The logout is queued in the database by {@link #sessionEnded}, in the transaction that
 * ends the session, so it is sent whichever node ends the session and even if that node
 * stops right after; any node sends it ({@link DeliveryLoop}). Each attempt POSTs
 * {@code logout_token} as a form (section 2.5) with a token signed then with the
 * service's ES256 key, {@code typ} {@code logout+jwt} (section 2.4), valid for
 * {@code token-lifetime}, under the same {@code jti} every time. A 2xx answer delivers
 * it; a 5xx, 408, 429 or no answer is tried again after {@code first-backoff}, doubling,
 * until {@code attempts} tries; any other answer is a refusal. The counter
 * {@code onekey.backchannel.logout} (tags {@code client}, {@code outcome}: delivered,
 * retried, failed, refused) tells how it went.
 */
public final class BackchannelLogouts implements SmartLifecycle {

    /** The event of section 2.4. */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    public static final String TOKEN_TYPE = "logout+jwt";

    private static final Logger log = LoggerFactory.getLogger(BackchannelLogouts.class);

    private static final int IN_FLIGHT = 32;

    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);

    private final LogoutDeliveries deliveries;

    private final TokenProperties clients;

    private final BackchannelLogoutProperties settings;

    private final JwtEncoder encoder;

    private final MeterRegistry meters;

    private final Clock clock;

    /**
     * Made on first use: most deployments never send one, and each JDK HTTP client keeps
     * a thread.
     */
    private final SingletonSupplier<HttpClient> http;

    private final DeliveryLoop<LogoutDelivery> loop;

    BackchannelLogouts(LogoutDeliveries deliveries, TokenProperties clients, BackchannelLogoutProperties settings,
            JWKSource<SecurityContext> keys, MeterRegistry meters, Clock clock) {
        this.deliveries = deliveries;
        this.clients = clients;
        this.settings = settings;
        this.encoder = new NimbusJwtEncoder(keys);
        this.meters = meters;
        this.clock = clock;
        this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
        this.loop = new DeliveryLoop<>("backchannel-logout", deliveries::claimDue, this::deliver,
                settings.pollInterval(), settings.claimFor(), IN_FLIGHT, clock);
    }

    /**
     * Queues the logout of an ended session for its client, if the client registered a
     * back-channel logout URI; in the caller's transaction, sent once it commits.
     * {@code issuerOfTokens} gives the {@code iss} of the session's tokens; it is asked
     * only when the client listens.
     */
    public void sessionEnded(SessionRevoked revoked, Supplier<@Nullable String> issuerOfTokens) {
        if (uriOf(revoked.clientId()).isEmpty()) {
            return;
        }
        String issuer = issuerOfTokens.get();
        if (issuer == null) {
            log.warn("Session of client {} ended without a known issuer; set onekey.issuer so that its "
                    + "back-channel logout can be sent", revoked.clientId());
            return;
        }
        deliveries.queue(revoked.clientId(), revoked.sessionId(), revoked.accountId(), issuer,
                UUID.randomUUID().toString(), clock.instant());
        AfterCommit.run(loop::wakeUp);
    }

    /** Whether any client registered a back-channel logout URI. */
    boolean anyClientListens() {
        return clients.clients().stream().anyMatch(c -> c.backchannelLogoutUri() != null);
    }

    int waiting() {
        return deliveries.waiting();
    }

    private Optional<String> uriOf(String clientId) {
        return clients.client(clientId).map(TokenProperties.Client::backchannelLogoutUri);
    }

    /**
     * The logout token of section 2.4, signed now, with the algorithm of the client's ID
     * tokens ({@code id-token-signed-response-alg}).
     */
    String logoutToken(LogoutDelivery delivery, Instant now) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(delivery.issuer())
            .subject(delivery.subject())
            .audience(List.of(delivery.clientId()))
            .issuedAt(now)
            .expiresAt(now.plus(settings.tokenLifetime()))
            .id(delivery.jti())
            .claim(SessionClaims.SESSION_ID, delivery.sessionId())
            .claim("events", Map.of(EVENT, Map.of()))
            .build();
        // signed as the client's ID tokens are, since it checks them with the same rules
        SignatureAlgorithm algorithm = clients.client(delivery.clientId())
            .map(TokenProperties.Client::idTokenSignedResponseAlg)
            .orElse(SignatureAlgorithm.ES256);
        JwsHeader header = JwsHeader.with(algorithm).type(TOKEN_TYPE).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private void deliver(LogoutDelivery delivery) {
        try {
            String uri = uriOf(delivery.clientId()).orElse(null);
            if (uri == null) {
                // the client no longer listens
                deliveries.forget(delivery.id());
                return;
            }
            int status = post(uri, logoutToken(delivery, clock.instant()));
            if (status >= 200 && status < 300) {
                deliveries.forget(delivery.id());
                count(delivery, "delivered");
            }
            else if (status < 0 || status >= 500 || status == 408 || status == 429) {
                retryOrGiveUp(delivery, status);
            }
            else {
                deliveries.forget(delivery.id());
                log.warn("Client {} refused back-channel logout {} (HTTP {})", delivery.clientId(), delivery.id(),
                        status);
                count(delivery, "refused");
            }
        }
        catch (RuntimeException e) {
            // the claim runs out and another attempt follows
            log.warn("Could not record how back-channel logout {} went: {}", delivery.id(), e.toString());
        }
    }

    private void retryOrGiveUp(LogoutDelivery delivery, int status) {
        if (delivery.attempt() >= settings.attempts()) {
            deliveries.forget(delivery.id());
            log.warn("Gave up the back-channel logout {} to client {} after {} tries (last: {})", delivery.id(),
                    delivery.clientId(), delivery.attempt(), status < 0 ? "no answer" : "HTTP " + status);
            count(delivery, "failed");
            return;
        }
        // counted first: the next attempt may leave as soon as the row is released
        count(delivery, "retried");
        deliveries.retryAt(delivery.id(), clock.instant()
            .plus(DeliveryLoop.backoff(settings.firstBackoff(), delivery.attempt(), LONGEST_BACKOFF)));
    }

    /** The HTTP status of the client's answer, or -1 when there was none. */
    private int post(String uri, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
            .timeout(settings.timeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers
                .ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
            .build();
        try {
            return http.obtain().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException e) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void count(LogoutDelivery delivery, String outcome) {
        meters.counter("onekey.backchannel.logout", "client", delivery.clientId(), "outcome", outcome).increment();
    }

    @Override
    public void start() {
        if (anyClientListens()) {
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

}
