package org.onekeylogin.token;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.token.internal.IdTokens;
import org.onekeylogin.token.internal.NewAuthorizations;
import org.onekeylogin.token.internal.SessionAttributes;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Issues the tokens of a device session that a sign-in flow of the JSON API has opened.
 * It does what a grant's authentication provider does in Spring's authorization server —
 * same token generator, same authorization store — so the tokens it issues refresh,
 * revoke and introspect through the standard endpoints like any other. The authorization
 * takes the session's id, which is how ending a session finds its tokens.
 */
@Service
public class TokenIssuer {

    private final RegisteredClientRepository clients;

    private final OAuth2TokenGenerator<? extends OAuth2Token> generator;

    private final OAuth2AuthorizationService authorizations;

    private final AuthorizationServerSettings settings;

    public TokenIssuer(RegisteredClientRepository clients, OAuth2TokenGenerator<? extends OAuth2Token> generator,
            OAuth2AuthorizationService authorizations, AuthorizationServerSettings settings) {
        this.clients = clients;
        this.generator = generator;
        this.authorizations = authorizations;
        this.settings = settings;
    }

    /**
     * The public device client a sign-in asks tokens for. Confidential clients
     * authenticate at the token endpoint instead; the JSON API, which cannot check their
     * secret, refuses them.
     */
    public String deviceClientId(@Nullable String requested, String fallback) {
        String clientId = requested == null || requested.isBlank() ? fallback : requested;
        if (!isDeviceClient(clientId)) {
            throw new ApiException(ErrorCode.UNKNOWN_CLIENT,
                    "Client '" + clientId + "' is not a registered device app.",
                    java.util.Map.of("field", "client_id"));
        }
        return clientId;
    }

    /**
     * The scopes a sign-in to {@code clientId} will be granted, or the refusal. Sign-ins
     * ask this before they write anything, so a refused request leaves nothing behind and
     * {@link #issue} fails only on unexpected errors.
     */
    public Set<String> grantableScopes(String clientId, Set<String> requested) {
        return grantedScopes(client(clientId), requested);
    }

    /**
     * The first tokens of a session opened in the current transaction (its sign-in's),
     * stored as a new authorization under the session's id.
     */
    public SessionTokens issue(TokenRequest request) {
        DeviceSession session = request.session();
        RegisteredClient client = client(session.clientId());
        Set<String> scopes = grantedScopes(client, request.scopes());
        Authentication principal = UsernamePasswordAuthenticationToken.authenticated(session.accountId(), null,
                List.of());
        var grantType = new AuthorizationGrantType("urn:onekey:params:grant-type:" + session.method().wireName());
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
            .id(session.id())
            .principalName(session.accountId())
            .authorizationGrantType(grantType)
            .authorizedScopes(scopes)
            .attribute(Principal.class.getName(), principal);
        attachSession(authorization, session);
        DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
            .registeredClient(client)
            .principal(principal)
            .authorizationServerContext(serverContext())
            .authorization(authorization.build())
            .authorizedScopes(scopes)
            .authorizationGrantType(grantType);

        OAuth2TokenContext accessContext = context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build();
        OAuth2Token generated = required(generator.generate(accessContext), "access");
        var accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, generated.getTokenValue(),
                generated.getIssuedAt(), generated.getExpiresAt(), scopes);
        authorization.token(accessToken, metadata -> {
            if (generated instanceof ClaimAccessor claims) {
                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims());
            }
            metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
            metadata.put(OAuth2TokenFormat.class.getName(),
                    client.getTokenSettings().getAccessTokenFormat().getValue());
        });

        OAuth2RefreshToken refreshToken = null;
        if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            refreshToken = (OAuth2RefreshToken) required(
                    generator.generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build()), "refresh");
            authorization.refreshToken(refreshToken);
        }

        String idToken = null;
        if (scopes.contains(OidcScopes.OPENID)) {
            idToken = IdTokens.issue(generator, context, authorization).getTokenValue();
        }

        // the session was opened in this transaction: its authorization is new
        if (authorizations instanceof NewAuthorizations inserting) {
            inserting.insert(authorization.build());
        }
        else {
            authorizations.save(authorization.build());
        }
        return new SessionTokens(accessToken, refreshToken, idToken);
    }

    /**
     * Whether the client is a registered public device app (one that may use the JSON
     * sign-in flows).
     */
    public boolean isDeviceClient(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        return client != null && client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
    }

    /**
     * Approves a pending device-code authorization (RFC 8628) for the session just opened
     * under its id: the user code stops working, and the device's next poll of the token
     * endpoint gets, from Spring's own device-code grant, tokens that carry the session
     * and end with it.
     */
    public void approveDeviceCode(OAuth2Authorization pending, DeviceSession session) {
        if (!pending.getId().equals(session.id())) {
            throw new IllegalArgumentException("A device-code session takes the id of its authorization");
        }
        Set<String> scopes = pending.getAttribute(OAuth2ParameterNames.SCOPE);
        var principal = UsernamePasswordAuthenticationToken.authenticated(session.accountId(), null, List.of());
        OAuth2Authorization.Builder approved = OAuth2Authorization.from(pending)
            .principalName(session.accountId())
            .authorizedScopes(scopes == null ? Set.of() : scopes)
            .invalidate(pending.getToken(OAuth2UserCode.class).getToken())
            .attribute(Principal.class.getName(), principal)
            .attributes(attributes -> attributes.remove(OAuth2ParameterNames.SCOPE));
        attachSession(approved, session);
        authorizations.save(approved.build());
    }

    private static void attachSession(OAuth2Authorization.Builder authorization, DeviceSession session) {
        SessionAttributes.attach(authorization, session, session.createdAt());
    }

    private RegisteredClient client(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw new ApiException(ErrorCode.UNKNOWN_CLIENT, "Client '" + clientId + "' is not registered.");
        }
        return client;
    }

    private static Set<String> grantedScopes(RegisteredClient client, Set<String> requested) {
        if (requested.isEmpty()) {
            return new LinkedHashSet<>(client.getScopes());
        }
        for (String scope : requested) {
            if (!client.getScopes().contains(scope)) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED,
                        "Scope '" + scope + "' is not available to " + client.getClientId() + ".",
                        java.util.Map.of("field", "scope"));
            }
        }
        return new LinkedHashSet<>(requested);
    }

    private AuthorizationServerContext serverContext() {
        AuthorizationServerContext current = AuthorizationServerContextHolder.getContext();
        if (current != null) {
            return current;
        }
        String issuer = settings.getIssuer() != null ? settings.getIssuer()
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return new FixedServerContext(issuer, settings);
    }

    private static OAuth2Token required(@Nullable OAuth2Token token, String kind) {
        if (token == null) {
            throw new IllegalStateException("The token generator produced no " + kind + " token");
        }
        return token;
    }

    private record FixedServerContext(String issuer,
            AuthorizationServerSettings settings) implements AuthorizationServerContext {

        @Override
        public String getIssuer() {
            return issuer;
        }

        @Override
        public AuthorizationServerSettings getAuthorizationServerSettings() {
            return settings;
        }
    }

}
