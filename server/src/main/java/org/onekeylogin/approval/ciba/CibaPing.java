package org.onekeylogin.approval.ciba;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.onekeylogin.approval.LoginRequestDecided;
import org.onekeylogin.approval.PhoneApproval;
import org.onekeylogin.system.AfterCommit;
import org.onekeylogin.system.Retry;
import org.onekeylogin.token.TokenProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * CIBA ping mode (CIBA Core section 10.2): once the user has decided, POST
 * {@code {"auth_req_id": ...}} to the client's registered notification endpoint with its
 * {@code client_notification_token} as bearer token. The client then fetches the result
 * from the token endpoint. Sent from a virtual thread, retried a few times with back-off.
 */
@Component
class CibaPing {

    private static final Logger log = LoggerFactory.getLogger(CibaPing.class);

    /** Three tries, 0.5 s and then 2 s apart. */
    private static final Retry RETRY = Retry.withBackoff(3, Duration.ofMillis(500), 4);

    private final PhoneApproval approval;

    private final TokenProperties clients;

    private final JsonMapper json;

    /**
     * Made on first use: most deployments never send one, and each JDK HTTP client keeps
     * a thread.
     */
    private final SingletonSupplier<HttpClient> http = SingletonSupplier
        .of(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());

    CibaPing(PhoneApproval approval, TokenProperties clients, JsonMapper json) {
        this.approval = approval;
        this.clients = clients;
        this.json = json;
    }

    @EventListener
    void on(LoginRequestDecided decided) {
        var request = decided.request();
        if (request.notificationToken() == null) {
            return;
        }
        var endpoint = clients.client(request.clientId()).map(TokenProperties.Client::backchannelNotificationEndpoint);
        var authReqId = approval.pingAuthReqId(request);
        if (endpoint.isEmpty() || authReqId.isEmpty()) {
            return;
        }
        HttpRequest ping = HttpRequest.newBuilder(URI.create(endpoint.get()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + request.notificationToken())
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("auth_req_id", authReqId.get()))))
            .build();
        AfterCommit.run(() -> Thread.ofVirtual().start(() -> deliver(ping)));
    }

    private void deliver(HttpRequest ping) {
        RETRY.run(attempt -> {
            try {
                int status = http.obtain().send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return true;
                }
                log.warn("CIBA ping answered {} (attempt {})", status, attempt);
            }
            catch (IOException | RuntimeException e) {
                log.warn("CIBA ping failed (attempt {}): {}", attempt, e.getClass().getSimpleName());
            }
            return false;
        });
    }

}
