package org.onekeylogin.token.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Token requests as a server without DPoP sees them (RFC 9449 section 5.1): a
 * {@code DPoP} header is ignored, the tokens are bearer tokens ({@code token_type}
 * {@code Bearer}) and a later refresh with or without a proof works. OneKey does not
 * advertise DPoP: its own API would have to check a proof on every request, which it does
 * not. Wraps each of the token endpoint's request converters.
 */
public final class WithoutDpop implements AuthenticationConverter {

    static final String HEADER = "DPoP";

    private final AuthenticationConverter converter;

    public WithoutDpop(AuthenticationConverter converter) {
        this.converter = converter;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        return converter.convert(request.getHeader(HEADER) == null ? request : new Request(request));
    }

    private static final class Request extends HttpServletRequestWrapper {

        Request(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames())
                .stream()
                .filter(n -> !HEADER.equalsIgnoreCase(n))
                .toList());
        }

    }

}
