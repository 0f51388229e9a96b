package org.onekeylogin.token.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * What both discovery documents, {@code /.well-known/oauth-authorization-server} (RFC
 * 8414) and {@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0), say
 * about this server: one description applied to both, so they never disagree. It
 * advertises only what works: the grants and client authentication methods of the
 * registered clients (not every method Spring could support), no DPoP (proofs are not
 * checked, tokens are bearer tokens) and no certificate-bound tokens. Both name the
 * end-session endpoint and back-channel logout with {@code sid}.
 */
public final class ServerMetadata {

    private final List<String> acrValues;

    private final List<RegisteredClient> clients;

    private final BiConsumer<Map<String, Object>, String> extensions;

    private final AuthorizationServerSettings settings;

    /**
     * @param settings the endpoints
     * @param clients the registered clients
     * @param acrValues the {@code acr} values ID tokens carry
     * @param extensions what the grants added to the token endpoint describe (CIBA),
     * given the claims and the issuer
     */
    public ServerMetadata(AuthorizationServerSettings settings, List<RegisteredClient> clients, List<String> acrValues,
            BiConsumer<Map<String, Object>, String> extensions) {
        this.clients = List.copyOf(clients);
        this.acrValues = List.copyOf(acrValues);
        this.extensions = extensions;
        this.settings = settings;
    }

    /** The methods in a stable order: HTTP Basic first, as RFC 6749 prefers it. */
    private static Set<String> ordered(Set<String> methods) {
        Set<String> ordered = new LinkedHashSet<>();
        for (ClientAuthenticationMethod known : List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.NONE)) {
            if (methods.contains(known.getValue())) {
                ordered.add(known.getValue());
            }
        }
        ordered.addAll(methods);
        return ordered;
    }

    /** Rewrites the claims of either discovery document. */
    public void describe(Map<String, Object> claims) {
        String issuer = String.valueOf(claims.get("issuer"));
        Set<String> grants = new LinkedHashSet<>();
        Set<String> methods = new LinkedHashSet<>();
        Set<String> confidentialMethods = new LinkedHashSet<>();
        Set<String> scopes = new LinkedHashSet<>();
        for (RegisteredClient client : clients) {
            client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).forEach(grants::add);
            client.getClientAuthenticationMethods()
                .stream()
                .map(ClientAuthenticationMethod::getValue)
                .forEach(methods::add);
            client.getClientAuthenticationMethods()
                .stream()
                .filter(m -> !ClientAuthenticationMethod.NONE.equals(m))
                .map(ClientAuthenticationMethod::getValue)
                .forEach(confidentialMethods::add);
            scopes.addAll(client.getScopes());
        }
        methods = ordered(methods);
        confidentialMethods = ordered(confidentialMethods);
        claims.put("grant_types_supported", new ArrayList<>(grants));
        claims.put("token_endpoint_auth_methods_supported", new ArrayList<>(methods));
        // a public client revokes its own tokens with its client_id alone (RFC 7009
        // section 5); introspection is for confidential clients only
        claims.put("revocation_endpoint_auth_methods_supported", new ArrayList<>(methods));
        claims.put("introspection_endpoint_auth_methods_supported", new ArrayList<>(confidentialMethods));
        claims.put("scopes_supported", new ArrayList<>(scopes));
        // OpenID Connect Discovery: RS256 must be offered; ES256 is OneKey's default
        claims.put("id_token_signing_alg_values_supported", List.of("ES256", "RS256"));
        claims.put("subject_types_supported", List.of("public"));
        claims.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "amr", "acr", "azp",
                "sid", "device_id", "name", "preferred_username"));
        claims.put("acr_values_supported", acrValues);
        claims.put("claims_parameter_supported", false);
        claims.put("request_parameter_supported", false);
        claims.put("request_uri_parameter_supported", false);
        // proofs are not checked and tokens are bearer tokens (RFC 9449 section 5.1)
        claims.remove("dpop_signing_alg_values_supported");
        claims.remove("tls_client_certificate_bound_access_tokens");
        if (grants.contains(AuthorizationGrantType.DEVICE_CODE.getValue())) {
            claims.putIfAbsent("device_authorization_endpoint", issuer + settings.getDeviceAuthorizationEndpoint());
        }
        else {
            claims.remove("device_authorization_endpoint");
        }
        claims.putIfAbsent("userinfo_endpoint", issuer + settings.getOidcUserInfoEndpoint());
        // OpenID Connect RP-Initiated Logout 1.0 and Back-Channel Logout 1.0: every
        // logout token carries sid
        claims.putIfAbsent("end_session_endpoint", issuer + settings.getOidcLogoutEndpoint());
        claims.put("backchannel_logout_supported", true);
        claims.put("backchannel_logout_session_supported", true);
        extensions.accept(claims, issuer);
    }

}
