package org.onekeylogin.token.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onekeylogin.system.ApiErrorWriter;
import org.onekeylogin.token.TokenProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Puts {@link BrowserOrigins} in front of every security filter chain (after the request
 * size and NUL checks), so a preflight is answered before any authentication is asked for
 * and every answer, errors included, carries the CORS headers it may have.
 */
@Configuration(proxyBeanMethods = false)
class BrowserOriginsConfig {

    @Bean
    FilterRegistrationBean<BrowserOrigins> browserOrigins(TokenProperties properties,
            AuthorizationServerSettings settings, ApiErrorWriter errors) {
        Set<String> post = Set.of("POST");
        Set<String> read = new LinkedHashSet<>(List.of("GET", "POST"));
        Map<String, Set<String>> endpoints = new LinkedHashMap<>();
        endpoints.put(settings.getTokenEndpoint(), post);
        endpoints.put(settings.getDeviceAuthorizationEndpoint(), post);
        endpoints.put(settings.getTokenRevocationEndpoint(), post);
        endpoints.put(settings.getTokenIntrospectionEndpoint(), post);
        endpoints.put(settings.getOidcUserInfoEndpoint(), read);
        endpoints.put(settings.getJwkSetEndpoint(), Set.of("GET"));
        endpoints.put("/.well-known/openid-configuration", Set.of("GET"));
        endpoints.put("/.well-known/oauth-authorization-server", Set.of("GET"));
        var registration = new FilterRegistrationBean<>(new BrowserOrigins(properties, endpoints, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

}
