package org.onekeylogin.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The JSON API ({@code /api/**}) is stateless and authenticated by bearer access tokens;
 * only what the features declare as {@link OpenApiEndpoints} (registration, the sign-in
 * endpoints) is open. Everything else outside the authorization server (health, metrics,
 * pages) is served by the last chain.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    /**
     * Event streams opened by a browser's EventSource cannot send headers, so they may
     * pass the token as a query parameter.
     */
    static final String PUSH_STREAM = "/api/v1/push/stream";

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, ApiAuthenticationErrors authErrors, List<OpenApiEndpoints> open)
            throws Exception {
        AuthenticationEntryPoint entryPoint = authErrors.entryPoint();
        AccessDeniedHandler denied = authErrors.accessDenied();
        http.securityMatcher("/api/**")
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .authorizeHttpRequests(authorize -> authorize
                // the async dispatch that completes an event stream was authenticated
                // when it started
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                .permitAll()
                .requestMatchers(matchers(open))
                .permitAll()
                .anyRequest()
                .authenticated())
            .oauth2ResourceServer(rs -> rs.bearerTokenResolver(bearerTokenResolver())
                .authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(denied)
                .jwt(jwt -> {
                }))
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

    private static RequestMatcher[] matchers(List<OpenApiEndpoints> open) {
        return open.stream()
            .flatMap(endpoints -> endpoints.patterns()
                .stream()
                .map(pattern -> PathPatternRequestMatcher.withDefaults().matcher(endpoints.method(), pattern)))
            .toArray(RequestMatcher[]::new);
    }

    private static BearerTokenResolver bearerTokenResolver() {
        var header = new DefaultBearerTokenResolver();
        var headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return (HttpServletRequest request) -> PUSH_STREAM.equals(request.getRequestURI())
                ? headerOrQuery.resolve(request) : header.resolve(request);
    }

}
