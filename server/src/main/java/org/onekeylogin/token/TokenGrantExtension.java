package org.onekeylogin.token;

import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A grant another feature adds to the token endpoint, the way Spring's authorization
 * server is meant to be extended: a converter that only parses (returning null for other
 * grants) and a provider that holds the rules. It may also add its entries to the
 * discovery document.
 */
public interface TokenGrantExtension {

    AuthenticationConverter converter();

    AuthenticationProvider provider();

    /**
     * Adds this grant's metadata to the OpenID provider configuration; {@code issuer} is
     * the server's issuer.
     */
    default void describe(Map<String, Object> discovery, String issuer) {
    }

}
