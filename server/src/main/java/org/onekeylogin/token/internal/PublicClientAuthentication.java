package org.onekeylogin.token.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets public device clients (no secret: TV and phone apps cannot keep one) use the token
 * endpoint for the grants a device needs after it is signed in or while it waits:
 * refreshing (refresh tokens rotate on every use, so a copied refresh token stops working
 * as soon as either holder refreshes) and polling a device code. Spring's own
 * public-client support covers only the authorization-code grant with PKCE. Public
 * clients may also revoke their own tokens (RFC 7009 section 5). A converter that only
 * parses, and a provider that holds the rules.
 */
public final class PublicClientAuthentication {

    static final Set<String> GRANTS = Set.of(AuthorizationGrantType.REFRESH_TOKEN.getValue(),
            AuthorizationGrantType.DEVICE_CODE.getValue());

    /**
     * Marks a revocation request, which has no grant type: a public client may revoke its
     * own tokens.
     */
    static final String REVOCATION = "revocation";

    /**
     * Marks a device authorization request (RFC 8628 section 3.1), made by the TV before
     * it polls.
     */
    static final String DEVICE_AUTHORIZATION = "device_authorization";

    private PublicClientAuthentication() {
    }

    /**
     * Parses {@code client_id} without a secret on a refresh or device-code token
     * request, or on a revocation request.
     */
    public static final class Converter implements AuthenticationConverter {

        private final String revocationEndpoint;

        private final String deviceAuthorizationEndpoint;

        public Converter(String revocationEndpoint, String deviceAuthorizationEndpoint) {
            this.revocationEndpoint = revocationEndpoint;
            this.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
        }

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                return null;
            }
            String path = request.getRequestURI();
            String grantType = path.endsWith(revocationEndpoint) ? REVOCATION
                    : path.endsWith(deviceAuthorizationEndpoint) ? DEVICE_AUTHORIZATION
                            : request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
            String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
            if (grantType == null
                    || !(GRANTS.contains(grantType) || REVOCATION.equals(grantType)
                            || DEVICE_AUTHORIZATION.equals(grantType))
                    || clientId == null || clientId.isBlank()
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameterValues(OAuth2ParameterNames.CLIENT_ID).length != 1) {
                return null;
            }
            return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null,
                    Map.of(OAuth2ParameterNames.GRANT_TYPE, grantType));
        }

    }

    /**
     * Accepts the client when it is registered as public and allowed the grant it asks
     * for.
     */
    public static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        public Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            var token = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
                    || !(token.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE) instanceof String grant)
                    || !(GRANTS.contains(grant) || REVOCATION.equals(grant) || DEVICE_AUTHORIZATION.equals(grant))) {
                return null;
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(token.getPrincipal()));
            if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !(REVOCATION.equals(grant) || client.getAuthorizationGrantTypes()
                        .contains(new AuthorizationGrantType(DEVICE_AUTHORIZATION.equals(grant)
                                ? AuthorizationGrantType.DEVICE_CODE.getValue() : grant)))) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                        "Unknown client, or not a public client allowed this grant.", null));
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }

    }

}
