package org.onekeylogin.push.platform;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushy's mock APNs server on a free port, with a TLS certificate for {@code localhost}
 * that the service is told to trust. It checks each push's provider token against the
 * verification key of the signing key generated here (written as the team's {@code .p8}
 * file) and accepts only device tokens added to {@link #validTokens}; others get Apple's
 * {@code BadDeviceToken}.
 */
final class LocalApns implements AutoCloseable {

    static final String TEAM = "TEAM123456";

    static final String KEY_ID = "KEY1234567";

    static final String TOPIC = "com.example.onekey";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A push the server accepted: its headers as sent and its JSON payload. */
    record Accepted(Map<String, String> headers, JsonNode payload) {

        String token() {
            String path = headers.get(":path");
            return path.substring(path.lastIndexOf('/') + 1);
        }

    }

    final List<Accepted> accepted = new CopyOnWriteArrayList<>();

    final AtomicInteger rejected = new AtomicInteger();

    final Set<String> validTokens = ConcurrentHashMap.newKeySet();

    private final MockApnsServer server;

    private final int port;

    private final Path signingKey;

    private final Path certificate;

    LocalApns() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            this.signingKey = Files.createTempFile("AuthKey_" + KEY_ID, ".p8");
            Files.writeString(signingKey,
                    "-----BEGIN PRIVATE KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.getPrivate().getEncoded())
                            + "\n-----END PRIVATE KEY-----\n");
            ApnsVerificationKey verification = new ApnsVerificationKey(KEY_ID, TEAM, (ECPublicKey) key.getPublic());
            this.certificate = copy("/apns/mock-apns-server.pem", ".pem");
            Path privateKey = copy("/apns/mock-apns-server.key", ".key");
            this.server = new MockApnsServerBuilder()
                .setServerCredentials(certificate.toFile(), privateKey.toFile(), null)
                .setHandlerFactory(new ValidatingPushNotificationHandlerFactory(Map.of(TOPIC, validTokens), Map.of(),
                        Map.of(KEY_ID, verification), Map.of(verification, Set.of(TOPIC))))
                .setListener(new Listener())
                .build();
            this.port = server.start(0).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("The mock APNs server did not start", e);
        }
    }

    int port() {
        return port;
    }

    Path signingKeyFile() {
        return signingKey;
    }

    File certificateFile() {
        return certificate.toFile();
    }

    List<Accepted> acceptedFor(String token) {
        return accepted.stream().filter(a -> a.token().equals(token)).toList();
    }

    private static Path copy(String resource, String suffix) throws IOException {
        Path file = Files.createTempFile("mock-apns", suffix);
        try (InputStream in = LocalApns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private final class Listener implements MockApnsServerListener {

        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            Map<String, String> copied = new ConcurrentHashMap<>();
            headers.forEach(h -> copied.put(h.getKey().toString(), h.getValue().toString()));
            accepted.add(new Accepted(copied, JSON.readTree(payload.toString(StandardCharsets.UTF_8))));
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload,
                RejectionReason rejectionReason, Instant deviceTokenExpirationTimestamp) {
            rejected.incrementAndGet();
        }

    }

    @Override
    public void close() {
        server.shutdown().join();
    }

}
