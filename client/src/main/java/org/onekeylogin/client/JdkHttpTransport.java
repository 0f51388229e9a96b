package org.onekeylogin.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;

/**
 * {@link HttpTransport} over the JDK's {@code java.net.http.HttpClient} (Java 11): no
 * dependency beyond the JDK, for TV and PC apps on a JVM. Android has no
 * {@code java.net.http}; use an OkHttp transport there.
 *
 * <p>
 * A request that may safely be repeated ({@code GET}, {@code HEAD}, {@code PUT},
 * {@code DELETE}, {@code OPTIONS}) is sent once more when its connection fails before a
 * response (typically a kept-alive connection the service closed meanwhile). A
 * {@code POST} is never repeated by the transport: the service may have acted on it.
 */
public final class JdkHttpTransport implements HttpTransport {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private final HttpClient http;

    public JdkHttpTransport() {
        this(HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
    }

    /** Over an {@link HttpClient} the app configured (proxy, TLS, executor). */
    public JdkHttpTransport(HttpClient http) {
        this.http = http;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new TransportResponse(response.statusCode(), response.headers().map(), response.body());
    }

    @Override
    public StreamResponse openStream(TransportRequest request) throws IOException {
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        return new JdkStream(response.statusCode(), response.headers(), response.body());
    }

    private <T> HttpResponse<T> exchange(TransportRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        byte[] body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
            .method(request.method(),
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (request.timeout() != null) {
            builder.timeout(request.timeout());
        }
        request.headers().forEach(builder::header);
        HttpRequest built = builder.build();
        try {
            try {
                return http.send(built, handler);
            }
            catch (HttpTimeoutException timedOut) {
                throw timedOut;
            }
            catch (IOException failed) {
                if (!IDEMPOTENT.contains(request.method())) {
                    throw failed;
                }
                return http.send(built, handler);
            }
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for " + request);
        }
    }

    private static final class JdkStream implements StreamResponse {

        private final int status;

        private final HttpHeaders headers;

        private final InputStream body;

        JdkStream(int status, HttpHeaders headers, InputStream body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }

    }

}
