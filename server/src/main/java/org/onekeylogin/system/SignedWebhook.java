package org.onekeylogin.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A JSON POST to a company's own service, signed so the receiver can trust it: header
 * {@code X-OneKey-Timestamp} carries the Unix time in seconds, and
 * {@code X-OneKey-Signature} is {@code sha256=} followed by the lower-case hex
 * HMAC-SHA256, keyed with the shared secret, of {@code <timestamp> + "." + <raw request
 * body>}. Receivers should recompute it, compare in constant time, and refuse timestamps
 * more than a few minutes old. The SMS and the push webhooks both sign this way.
 */
public final class SignedWebhook {

    private final URI url;

    private final byte[] secret;

    private final Clock clock;

    public SignedWebhook(URI url, String secret, Clock clock) {
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A request carrying {@code payload}, signed now, so its timestamp is current. */
    public HttpRequest request(String payload) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-OneKey-Timestamp", timestamp)
            .header("X-OneKey-Signature", "sha256=" + sign(timestamp + "." + payload))
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build();
    }

    /** HMAC-SHA256 of {@code content} with the shared secret, lower-case hex. */
    public String sign(String content) {
        return Hashing.hmacSha256Hex(secret, content);
    }

}
