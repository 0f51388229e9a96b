package org.onekeylogin.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sends the library's requests: JSON to {@code /api/v1}, forms to {@code /oauth2}, and
 * turns every refusal into a typed exception.
 */
final class Wire {

    private final URI base;

    private final HttpTransport transport;

    private final Duration timeout;

    Wire(URI base, HttpTransport transport, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.transport = transport;
        this.timeout = timeout;
    }

    HttpTransport transport() {
        return transport;
    }

    /** A JSON request; null {@code type} or a 204 answer returns null. */
    <T> T json(String method, String path, Object body, String accessToken, Class<T> type) {
        return json(method, path, body, accessToken, type, timeout);
    }

    <T> T json(String method, String path, Object body, String accessToken, Class<T> type, Duration wait) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        }
        if (accessToken != null) {
            headers.put("Authorization", "Bearer " + accessToken);
        }
        TransportResponse response = send(new TransportRequest(method, uri(path), headers, bytes, wait));
        if (type == null || response.status() == 204 || response.body().isEmpty()) {
            return null;
        }
        return Json.read(response.body(), type);
    }

    /** An {@code application/x-www-form-urlencoded} POST to an OAuth 2.0 endpoint. */
    <T> T form(String path, Map<String, String> fields, Class<T> type) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> {
            if (value != null) {
                body.add(encode(name) + "=" + encode(value));
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        TransportResponse response = send(new TransportRequest("POST", uri(path), headers,
                body.toString().getBytes(StandardCharsets.UTF_8), timeout));
        return Json.read(response.body(), type);
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    static String pathSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    private TransportResponse send(TransportRequest request) {
        TransportResponse response;
        try {
            response = transport.send(request);
        }
        catch (IOException e) {
            throw new OneKeyTransportException("No answer to " + request, e);
        }
        if (response.status() >= 200 && response.status() < 300) {
            return response;
        }
        throw ErrorResponses.toException(response.status(), response.body(), response.header("Retry-After"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
