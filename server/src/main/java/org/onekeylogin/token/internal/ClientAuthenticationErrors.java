package org.onekeylogin.token.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.onekeylogin.token.ClientChallenge;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Refuses a client whose authentication failed at the token, revocation, introspection
 * and device authorization endpoints, as Spring does ({@code 401 invalid_client}, the
 * code only), and as RFC 6749 section 5.2 requires of a client that used the
 * {@code Authorization} header: with a {@code WWW-Authenticate} challenge for its scheme.
 */
public final class ClientAuthenticationErrors implements AuthenticationFailureHandler {

    private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        SecurityContextHolder.clearContext();
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                : OAuth2ErrorCodes.INVALID_CLIENT;
        var http = new ServletServerHttpResponse(response);
        if (OAuth2ErrorCodes.INVALID_CLIENT.equals(code)) {
            http.setStatusCode(HttpStatus.UNAUTHORIZED);
            if (ClientChallenge.usedHeader(request)) {
                http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, ClientChallenge.BASIC);
            }
        }
        else {
            http.setStatusCode(HttpStatus.BAD_REQUEST);
        }
        // the code only: which part of the credentials was wrong is not told
        converter.write(new OAuth2Error(code), null, http);
    }

}
