package org.onekeylogin.token;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;

/**
 * Lets another feature adjust one of Spring's authorization server endpoints (for example
 * how the device authorization endpoint answers) without the token feature depending on
 * it.
 */
@FunctionalInterface
public interface AuthorizationServerCustomizer {

    void customize(OAuth2AuthorizationServerConfigurer server);

}
