package org.onekeylogin.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a refusal into the typed exception: the JSON API's shape
 * ({@code code}/{@code message}/{@code details}) into {@link OneKeyApiException}, the
 * OAuth 2.0 shape ({@code error}/{@code error_description}) into {@link OAuthException},
 * anything else (a proxy's HTML page) into {@link OneKeyTransportException}.
 */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static OneKeyException toException(int status, String body, String retryAfterHeader) {
        JsonNode json = Json.tree(body);
        Duration retryAfter = retryAfter(retryAfterHeader, json);
        if (json.path("code").isTextual()) {
            return new OneKeyApiException(status, json.path("code").asText(), text(json, "message"),
                    details(json.path("details")), retryAfter);
        }
        if (json.path("error").isTextual()) {
            return new OAuthException(status, json.path("error").asText(), text(json, "error_description"), retryAfter);
        }
        return new OneKeyTransportException("HTTP " + status + " without an error document from the service", status);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isTextual() ? node.asText() : null;
    }

    private static Map<String, Object> details(JsonNode details) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (details.isObject()) {
            details.fields().forEachRemaining(e -> map.put(e.getKey(), value(e.getValue())));
        }
        return map;
    }

    private static Object value(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return Json.MAPPER.convertValue(node, Object.class);
    }

    private static Duration retryAfter(String header, JsonNode json) {
        if (header != null) {
            try {
                return Duration.ofSeconds(Long.parseLong(header.trim()));
            }
            catch (NumberFormatException notSeconds) {
                // an HTTP date: fall back to the body
            }
        }
        JsonNode seconds = json.path("details").path("retry_after_seconds");
        return seconds.canConvertToLong() ? Duration.ofSeconds(seconds.asLong()) : null;
    }

}
