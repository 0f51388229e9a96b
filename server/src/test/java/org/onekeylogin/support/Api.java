package org.onekeylogin.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: JSON in, JSON out, over real sockets. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    /**
     * A response: status, headers and the body parsed as JSON (a missing node when empty
     * or not JSON).
     */
    public record Response(int status, java.net.http.HttpHeaders headers, String text) {

        public JsonNode json() {
            if (text == null || text.isBlank()) {
                return JSON.missingNode();
            }
            try {
                return JSON.readTree(text);
            }
            catch (RuntimeException notJson) {
                return JSON.missingNode();
            }
        }

        public String field(String name) {
            JsonNode node = json().path(name);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        public String at(String pointer) {
            JsonNode node = json().at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    public Response post(String path, Object body, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
            .build());
    }

    public Response put(String path, Object body, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
            .build());
    }

    /** Any request, for tests that need odd methods, headers or bodies. */
    public Response raw(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    /**
     * An {@code application/x-www-form-urlencoded} POST, as OAuth2 endpoints take, with
     * optional basic auth.
     */
    public Response form(String path, Map<String, String> fields, String basicUser, String basicPassword) {
        String body = fields.entrySet()
            .stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basicUser != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b.build());
    }

    public Response form(String path, Map<String, String> fields) {
        return form(path, fields, null, null);
    }

    /**
     * Opens the device's push channel; the stream reads in the background until closed.
     */
    public EventStream stream(String token, Long lastEventId) {
        return stream(token, lastEventId, Map.of());
    }

    /** Opens the device's push channel with extra request headers. */
    public EventStream stream(String token, Long lastEventId, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/push/stream"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token)
            .GET();
        headers.forEach(b::header);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId.toString());
        }
        return EventStream.open(http, b.build());
    }

    public static Map<String, String> fields(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
