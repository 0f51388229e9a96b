package org.onekeylogin.token.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.RateLimiter;
import org.onekeylogin.token.TokenProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits token requests per client and caller address
 * ({@code onekey.tokens.requests-per-client-and-ip-per-minute}), before the client is
 * authenticated, so a flood of refreshes, device-code polls or client-secret guesses from
 * one place costs the service a counter, not a database read and a hash each. A limit per
 * address and node, like the other flood limits: with N nodes one address gets at most N
 * times it. Beyond it the answer is {@code 429} in the OAuth 2.0 error format,
 * {@code temporarily_unavailable}, with {@code Retry-After}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class TokenEndpointLimit extends OncePerRequestFilter {

    private final RateLimiter limits;

    private final int perMinute;

    TokenEndpointLimit(RateLimiter limits, TokenProperties properties) {
        this.limits = limits;
        this.perMinute = properties.tokens().requestsPerClientAndIpPerMinute();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/oauth2/token".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            limits.acquire("token-endpoint", clientOf(request) + '|' + ClientAddress.of(request), perMinute,
                    Duration.ofMinutes(1));
        }
        catch (ApiException tooMany) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER,
                    String.valueOf(tooMany.details().getOrDefault("retry_after_seconds", 60)));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter()
                .write("{\"error\":\"temporarily_unavailable\",\"error_description\":\"Too many token requests "
                        + "from this client here. Wait and try again.\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Client ids are short; a made-up long one must not make the counters' keys long. */
    private static String truncated(String clientId) {
        return clientId.length() > 64 ? clientId.substring(0, 64) : clientId;
    }

    /**
     * The client a request names: HTTP Basic's user name, or the {@code client_id}
     * parameter.
     */
    private static String clientOf(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return truncated(colon < 0 ? decoded : decoded.substring(0, colon));
            }
            catch (IllegalArgumentException notBase64) {
                return "";
            }
        }
        String clientId = request.getParameter("client_id");
        return clientId == null ? "" : truncated(clientId);
    }

}
