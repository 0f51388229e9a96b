package org.onekeylogin.token.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * How {@code /userinfo} refuses a token it cannot answer for: RFC 6750 section 3, the
 * reason in the {@code WWW-Authenticate} header (where stock clients read it) and in the
 * body. {@code 401 invalid_token} for a token without its authorization, {@code 403
 * insufficient_scope} (naming {@code openid}) for a token not granted {@code openid}.
 * Missing and unverifiable tokens are refused earlier, before the endpoint, by
 * {@link #commence}.
 */
public final class UserInfoErrors implements AuthenticationFailureHandler, AuthenticationEntryPoint {

    private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    /**
     * A missing or unverifiable token: Spring's RFC 6750 challenge (a bare {@code Bearer}
     * when the request carried no token, {@code invalid_token} with the reason
     * otherwise), and for a bad token the same error as JSON.
     */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        if (failure instanceof OAuth2AuthenticationException oauth) {
            var http = new ServletServerHttpResponse(response);
            converter.write(new OAuth2Error(oauth.getError().getErrorCode(), oauth.getError().getDescription(), null),
                    null, http);
        }
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN);
        HttpStatus status;
        String challenge;
        switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> {
                status = HttpStatus.FORBIDDEN;
                challenge = "Bearer error=\"insufficient_scope\", error_description=\"The access token was not "
                        + "granted the openid scope.\", scope=\"" + OidcScopes.OPENID + "\"";
                error = new OAuth2Error(OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
                        "The access token was not granted the openid scope.", null);
            }
            case OAuth2ErrorCodes.INVALID_TOKEN -> {
                status = HttpStatus.UNAUTHORIZED;
                challenge = "Bearer error=\"invalid_token\", error_description=\"The access token is not valid "
                        + "for user info.\"";
                error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token is not valid for user info.",
                        null);
            }
            default -> {
                status = HttpStatus.BAD_REQUEST;
                challenge = "Bearer error=\"invalid_request\"";
                error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The user info request is not valid.", null);
            }
        }
        var http = new ServletServerHttpResponse(response);
        http.setStatusCode(status);
        http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        converter.write(error, null, http);
    }

}
