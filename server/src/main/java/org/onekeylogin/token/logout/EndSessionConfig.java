package org.onekeylogin.token.logout;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.token.AuthorizationServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The end-session endpoint ({@code /connect/logout}, OpenID Connect RP-Initiated Logout
 * 1.0) is Spring's, with OneKey's rules ({@link IdTokenHintAuthenticationProvider}) and
 * answers ({@link EndSessionResponses}); Spring parses the request and advertises
 * {@code end_session_endpoint}.
 */
@Configuration(proxyBeanMethods = false)
class EndSessionConfig {

    @Bean
    AuthorizationServerCustomizer endSessionEndpoint(JWKSource<SecurityContext> keys,
            RegisteredClientRepository clients, DeviceSessionService sessions) {
        var rules = new IdTokenHintAuthenticationProvider(keys, clients, sessions);
        var responses = new EndSessionResponses(sessions);
        return server -> server.oidc(oidc -> oidc.logoutEndpoint(logout -> logout.authenticationProviders(providers -> {
            providers.clear();
            providers.add(rules);
        }).logoutResponseHandler(responses).errorResponseHandler(responses)));
    }

}
