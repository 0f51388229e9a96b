package org.onekeylogin.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code onekey.max-request-bytes} before anything
 * parses them. No endpoint of a login service needs more than a few kilobytes. A refused
 * body of up to {@link #DISCARDED_BYTES} is read and thrown away before the answer, so
 * that a client still sending it reads the {@code 413} instead of a reset connection; a
 * larger or chunked one is answered at once and its connection closed.
 * <p>
 * A body the answer did not need (a request refused before its body was read, such as a
 * {@code 401} for a bad token) is read to its end too, after the answer is written and
 * before it is sent: the web server would otherwise close a connection whose body had not
 * all arrived, and a client still sending it could read a reset instead of the answer. A
 * client that asked to be told before it sends the body ({@code Expect:
 * 100-continue}) is not waited for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** The largest refused body that is read to its end before the answer. */
    static final long DISCARDED_BYTES = 1024 * 1024;

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
        long length = request.getContentLengthLong();
        if (length > maxBytes || chunked) {
            if (!chunked && length <= DISCARDED_BYTES) {
                discardUnread(request);
            }
            else {
                response.setHeader("Connection", "close");
            }
            errors.write(request, response,
                    ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE,
                            chunked ? "Send the request with a Content-Length of at most " + maxBytes + " bytes."
                                    : "The request body is larger than " + maxBytes + " bytes.",
                            Map.of()));
            return;
        }
        chain.doFilter(request, response);
        if (length > 0 && !request.isAsyncStarted() && request.getHeader("Expect") == null) {
            discardUnread(request);
        }
    }

    private static void discardUnread(HttpServletRequest request) {
        try {
            request.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
        catch (IllegalStateException readAsText) {
            try {
                request.getReader().transferTo(Writer.nullWriter());
            }
            catch (IOException | IllegalStateException gone) {
                // nothing more to read, or the client has gone: the connection ends
            }
        }
        catch (IOException gone) {
            // the client stopped sending: the web server ends the connection
        }
    }

}
