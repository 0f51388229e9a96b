package org.onekeylogin.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The JSON API ({@code /api/**}) is stateless and authenticated by bearer access tokens; only registration and
 * the sign-in endpoints are open. Everything else outside the authorization server (health, metrics, pages) is
 * served by the last chain.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    /** Event streams opened by a browser's EventSource cannot send headers, so they may pass the token as a query parameter. */
    static final String PUSH_STREAM = "/api/v1/push/stream";

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, ApiErrorWriter errors) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
            if (failure instanceof OAuth2AuthenticationException oauth && !(failure instanceof InvalidBearerTokenException)
                    && "invalid_request".equals(oauth.getError().getErrorCode())) {
                errors.write(response, ApiError.of(ErrorCode.INVALID_REQUEST,
                        "Send the access token in one place only (header or, for event streams, query).", Map.of()));
                return;
            }
            boolean invalid = failure instanceof InvalidBearerTokenException;
            response.setHeader("WWW-Authenticate", invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
            errors.write(response, invalid
                    ? ApiError.of(ErrorCode.INVALID_TOKEN, describe(failure), Map.of())
                    : ApiError.of(ErrorCode.AUTHENTICATION_REQUIRED,
                            "Sign in first: send the access token as 'Authorization: Bearer <token>'.", Map.of()));
        };
        AccessDeniedHandler denied = (request, response, failure) -> errors.write(response,
                ApiError.of(ErrorCode.FORBIDDEN, "This token may not do that.", Map.of()));
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(authorize -> authorize
                        // the async dispatch that completes an event stream was authenticated when it started
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/sign-in/**", "/api/v1/login-requests",
                                "/api/v1/login-requests/status", "/api/v1/login-requests/session",
                                "/api/v1/sign-in-options", "/api/v1/sign-in-options/pick").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/device-codes/*/qr.png", "/api/v1/device-codes/*/qr.svg")
                        .permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(bearerTokenResolver())
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied)
                        .jwt(jwt -> { }))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain siteChain(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
        return http.build();
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

    private static BearerTokenResolver bearerTokenResolver() {
        var header = new DefaultBearerTokenResolver();
        var headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return (HttpServletRequest request) -> PUSH_STREAM.equals(request.getRequestURI())
                ? headerOrQuery.resolve(request) : header.resolve(request);
    }
}
