package org.onekeylogin.system;

import java.util.Map;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * How the JSON API answers a missing, invalid or insufficient bearer token: the one error
 * shape, with reasons.
 */
@Component
public class ApiAuthenticationErrors {

    private final ApiErrorWriter errors;

    public ApiAuthenticationErrors(ApiErrorWriter errors) {
        this.errors = errors;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            if (failure instanceof OAuth2AuthenticationException oauth
                    && !(failure instanceof InvalidBearerTokenException)
                    && "invalid_request".equals(oauth.getError().getErrorCode())) {
                errors.writeApiError(request, response, ApiError.of(ErrorCode.INVALID_REQUEST,
                        "Send the access token in one place only (header or, for event streams, query).", Map.of()));
                return;
            }
            boolean invalid = failure instanceof InvalidBearerTokenException;
            response.setHeader("WWW-Authenticate", invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
            errors.writeApiError(request, response,
                    invalid ? ApiError.of(ErrorCode.INVALID_TOKEN, describe(failure), Map.of())
                            : ApiError.of(ErrorCode.AUTHENTICATION_REQUIRED,
                                    "Sign in first: send the access token as 'Authorization: Bearer <token>'.",
                                    Map.of()));
        };
    }

    public AccessDeniedHandler accessDenied() {
        return (request, response, failure) -> errors.writeApiError(request, response,
                ApiError.of(ErrorCode.FORBIDDEN, "This token may not do that.", Map.of()));
    }

    private static String describe(AuthenticationException failure) {
        String message = failure.getMessage();
        if (message != null && message.contains("signed out")) {
            return "This device has been signed out. Sign in again.";
        }
        if (message != null && message.contains("replaced")) {
            return "This access token was replaced by a newer one or revoked. Use the newest token, or refresh.";
        }
        if (message != null && message.contains("expired")) {
            return "The access token has expired. Refresh it or sign in again.";
        }
        return "The access token is not valid. Sign in again.";
    }

}
