package org.onekeylogin.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code onekey.max-request-bytes} before anything
 * parses them. No endpoint of a login service needs more than a few kilobytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    private final ApiErrorWriter errors;

    RequestSizeLimitFilter(@Value("${onekey.max-request-bytes:65536}") long maxBytes, ApiErrorWriter errors) {
        this.maxBytes = maxBytes;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (request.getContentLengthLong() > maxBytes || chunked) {
            errors.write(request, response,
                    ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE,
                            chunked ? "Send the request with a Content-Length of at most " + maxBytes + " bytes."
                                    : "The request body is larger than " + maxBytes + " bytes.",
                            Map.of()));
            return;
        }
        chain.doFilter(request, response);
    }

}
