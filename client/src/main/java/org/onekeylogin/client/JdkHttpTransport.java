package org.onekeylogin.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link HttpTransport} over the JDK's {@code java.net.http.HttpClient} (Java 11): no
 * dependency beyond the JDK, for TV and PC apps on a JVM. Android has no
 * {@code java.net.http}; use an OkHttp transport there.
 */
public final class JdkHttpTransport implements HttpTransport {

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
        try {
            return http.send(builder.build(), handler);
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
