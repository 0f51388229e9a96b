package org.onekeylogin.token.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiError;
import org.onekeylogin.system.ApiErrorWriter;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.token.TokenProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS (the Fetch standard's HTTP-level protocol) for the clients' browser apps: a TV web
 * app or a single-page app on an origin its client registered ({@code allowed-origins})
 * may call the token, device-authorization, revocation, introspection and user-info
 * endpoints, discovery, the JWKS and the JSON API ({@code /api/v1/**}) from the browser.
 *
 * <p>
 * Which origins: where the request names its client ({@code client_id} in the query or
 * form, or HTTP Basic client authentication, as on the token endpoint), that client's
 * origins only; where it does not (the JSON API, whose requests carry a bearer token or
 * nothing, {@code /userinfo}, discovery, and every preflight, which carries no body), the
 * origins of all clients together. An origin no client registered gets no CORS headers,
 * so the browser keeps the answer from the page; its preflight is refused with a 403.
 * Answers vary by {@code Origin}. Credentials (cookies) are never allowed: these
 * endpoints take tokens and client credentials, not cookies.
 */
public final class BrowserOrigins extends OncePerRequestFilter {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, Last-Event-ID";

    private static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After, Location";

    private static final String MAX_AGE = "600";

    private static final Set<String> API_METHODS = new LinkedHashSet<>(List.of("GET", "POST", "PUT", "DELETE"));

    /** The endpoints and the methods a browser may call them with. */
    private final Map<String, Set<String>> oauthEndpoints;

    private final Set<String> union;

    private final Map<String, Set<String>> byClient;

    private final ApiErrorWriter errors;

    /**
     * @param oauthEndpoints path of each endpoint outside the JSON API, and its methods
     */
    public BrowserOrigins(TokenProperties properties, Map<String, Set<String>> oauthEndpoints, ApiErrorWriter errors) {
        this.oauthEndpoints = Map.copyOf(oauthEndpoints);
        this.byClient = properties.clients()
            .stream()
            .collect(Collectors.toUnmodifiableMap(TokenProperties.Client::clientId,
                    TokenProperties.Client::allowedOrigins));
        this.union = byClient.values().stream().flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.ORIGIN) == null || methods(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        Set<String> methods = methods(request);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (preflight) {
            String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
            if (!union.contains(origin.toLowerCase(Locale.ROOT)) || !methods.contains(method)) {
                errors.write(request, response, ApiError.of(ErrorCode.FORBIDDEN,
                        "This origin may not call OneKey from a browser: register it in a client's allowed-origins.",
                        Map.of()));
                return;
            }
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", methods));
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (allowed(request).contains(origin.toLowerCase(Locale.ROOT))) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    /** The methods a browser may use on the request's endpoint; null for other paths. */
    private @Nullable Set<String> methods(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/v1/")) {
            return API_METHODS;
        }
        return oauthEndpoints.get(path);
    }

    /** The origins for an actual request: its client's when it names one. */
    private Set<String> allowed(HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/v1/")) {
            return union;
        }
        String clientId = clientOf(request);
        if (clientId == null) {
            return union;
        }
        return byClient.getOrDefault(clientId, Set.of());
    }

    /**
     * The client a request names: HTTP Basic (RFC 6749 section 2.3.1, the id
     * form-encoded) or {@code client_id}; an empty string for a Basic header that cannot
     * be read.
     */
    private static @Nullable String clientOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? "" : URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException unreadable) {
                return "";
            }
        }
        return request.getParameter("client_id");
    }

}
