package org.onekeylogin.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an error from places that run before Spring MVC (security filters, size limits),
 * in the shape of the surface the request was made to: the JSON API's {@link ApiError},
 * or the OAuth 2.0 error object (RFC 6749 section 5.2) on the authorization server's
 * endpoints, whose clients expect {@code {"error": ...}}.
 */
@Component
public class ApiErrorWriter {

    private final JsonMapper json;

    private final Languages languages;

    public ApiErrorWriter(JsonMapper json, Languages languages) {
        this.json = json;
        this.languages = languages;
    }

    /**
     * Writes the error in the shape of the request's surface; on the JSON API in the
     * request's language.
     */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        if (!isOAuthSurface(request)) {
            writeApiError(request, response, error);
            return;
        }
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.status() == 401 ? "invalid_client" : "invalid_request");
        body.put("error_description", error.message());
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    /**
     * The authorization server's endpoints: token, revocation, introspection, device and
     * CIBA authorization.
     */
    public static boolean isOAuthSurface(HttpServletRequest request) {
        return isOAuthPath(request.getRequestURI());
    }

    /** Whether {@code path} is one of the authorization server's endpoints. */
    static boolean isOAuthPath(String path) {
        return path.startsWith("/oauth2/") || path.startsWith("/connect/") || path.equals("/userinfo");
    }

    /** Writes the JSON API's error shape, in the request's language. */
    public void writeApiError(HttpServletRequest request, HttpServletResponse response, ApiError error)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        var locale = languages.of(request);
        error = languages.translate(error, locale);
        response.setHeader("Content-Language", locale.toLanguageTag());
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), error);
    }

}
