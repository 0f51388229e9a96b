package org.onekeylogin.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
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
    SecurityFilterChain apiChain(HttpSecurity http, ApiAuthenticationErrors authErrors) throws Exception {
        AuthenticationEntryPoint entryPoint = authErrors.entryPoint();
        AccessDeniedHandler denied = authErrors.accessDenied();
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
                        .requestMatchers(HttpMethod.GET, "/api/v1/device-codes/*/qr.png", "/api/v1/device-codes/*/qr.svg",
                                "/api/v1/demo")
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

    private static BearerTokenResolver bearerTokenResolver() {
        var header = new DefaultBearerTokenResolver();
        var headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return (HttpServletRequest request) -> PUSH_STREAM.equals(request.getRequestURI())
                ? headerOrQuery.resolve(request) : header.resolve(request);
    }
}
