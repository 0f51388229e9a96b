package org.onekeylogin.token.internal;

import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OpenID Connect on the device authorization grant (RFC 8628): a TV that asks for
 * {@code openid} gets an ID token, like a phone or a CIBA client, and its access token
 * works at {@code /userinfo}. OpenID Connect Core defines no device flow and Spring's
 * grant refuses {@code openid} on it; these two wrappers around Spring's providers add
 * it, each as one transaction.
 */
public final class DeviceCodeOpenId {

    private DeviceCodeOpenId() {
    }

    /**
     * Wraps Spring's device authorization request provider; leaves other providers as
     * they are.
     */
    public static AuthenticationProvider aroundRequest(AuthenticationProvider provider,
            OAuth2AuthorizationService authorizations, PlatformTransactionManager transactions) {
        return provider instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider
                ? new Request(provider, authorizations, transactions) : provider;
    }

    /** Wraps Spring's device-code grant; leaves other providers as they are. */
    public static AuthenticationProvider aroundGrant(AuthenticationProvider provider,
            OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<? extends OAuth2Token> generator,
            PlatformTransactionManager transactions) {
        return provider instanceof OAuth2DeviceCodeAuthenticationProvider
                ? new Grant(provider, authorizations, generator, transactions) : provider;
    }

    /**
     * The device authorization request: Spring's provider checks and stores the request
     * without {@code openid}, then the stored request gets it back, before the device
     * sees its codes. A client not allowed {@code openid} gets {@code invalid_scope} and
     * nothing is stored.
     */
    static final class Request implements AuthenticationProvider {

        private final AuthenticationProvider request;

        private final OAuth2AuthorizationService authorizations;

        private final TransactionTemplate transaction;

        Request(AuthenticationProvider request, OAuth2AuthorizationService authorizations,
                PlatformTransactionManager transactions) {
            this.request = request;
            this.authorizations = authorizations;
            this.transaction = new TransactionTemplate(transactions);
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            var asked = (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
            Set<String> scopes = asked.getScopes();
            if (!scopes.contains(OidcScopes.OPENID)) {
                return request.authenticate(asked);
            }
            if (asked.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
                    && client.getRegisteredClient() != null
                    && !client.getRegisteredClient().getScopes().contains(OidcScopes.OPENID)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
                        "OAuth 2.0 Parameter: " + OAuth2ParameterNames.SCOPE, null));
            }
            Set<String> others = new LinkedHashSet<>(scopes);
            others.remove(OidcScopes.OPENID);
            var withoutOpenId = new OAuth2DeviceAuthorizationRequestAuthenticationToken(
                    (Authentication) asked.getPrincipal(), asked.getAuthorizationUri(), others,
                    asked.getAdditionalParameters());
            return transaction.execute(status -> {
                var stored = (OAuth2DeviceAuthorizationRequestAuthenticationToken) request.authenticate(withoutOpenId);
                if (stored == null || stored.getDeviceCode() == null || stored.getUserCode() == null) {
                    throw new IllegalStateException("The device authorization request produced no codes");
                }
                OAuth2Authorization authorization = authorizations.findByToken(stored.getDeviceCode().getTokenValue(),
                        new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE));
                if (authorization == null) {
                    throw new IllegalStateException("The device authorization was not stored");
                }
                authorizations.save(OAuth2Authorization.from(authorization)
                    .attribute(OAuth2ParameterNames.SCOPE, new HashSet<>(scopes))
                    .build());
                return new OAuth2DeviceAuthorizationRequestAuthenticationToken((Authentication) stored.getPrincipal(),
                        scopes, stored.getDeviceCode(), stored.getUserCode());
            });
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return request.supports(authentication);
        }

    }

    /**
     * The device's poll: once Spring's grant has issued the access and refresh tokens of
     * an approved request that was granted {@code openid}, an ID token joins them, stored
     * with the authorization (so refreshing renews it) and sent as {@code id_token}.
     */
    static final class Grant implements AuthenticationProvider {

        private final AuthenticationProvider grant;

        private final OAuth2AuthorizationService authorizations;

        private final OAuth2TokenGenerator<? extends OAuth2Token> generator;

        private final TransactionTemplate transaction;

        Grant(AuthenticationProvider grant, OAuth2AuthorizationService authorizations,
                OAuth2TokenGenerator<? extends OAuth2Token> generator, PlatformTransactionManager transactions) {
            this.grant = grant;
            this.authorizations = authorizations;
            this.generator = generator;
            this.transaction = new TransactionTemplate(transactions);
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            return transaction.execute(status -> {
                Authentication issued = grant.authenticate(authentication);
                if (!(issued instanceof OAuth2AccessTokenAuthenticationToken tokens)
                        || !tokens.getAccessToken().getScopes().contains(OidcScopes.OPENID)) {
                    return issued;
                }
                OAuth2Authorization authorization = authorizations.findByToken(tokens.getAccessToken().getTokenValue(),
                        OAuth2TokenType.ACCESS_TOKEN);
                if (authorization == null) {
                    throw new IllegalStateException("The device-code authorization was not stored");
                }
                RegisteredClient client = tokens.getRegisteredClient();
                Authentication principal = authorization.getAttribute(Principal.class.getName());
                var context = DefaultOAuth2TokenContext.builder()
                    .registeredClient(client)
                    .principal(principal)
                    .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                    .authorization(authorization)
                    .authorizedScopes(authorization.getAuthorizedScopes())
                    .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                    .authorizationGrant((OAuth2DeviceCodeAuthenticationToken) authentication);
                OAuth2Authorization.Builder withIdToken = OAuth2Authorization.from(authorization);
                OidcIdToken idToken = IdTokens.issue(generator, context, withIdToken);
                authorizations.save(withIdToken.build());
                Map<String, Object> parameters = new HashMap<>(tokens.getAdditionalParameters());
                parameters.put(OidcParameterNames.ID_TOKEN, idToken.getTokenValue());
                return new OAuth2AccessTokenAuthenticationToken(client, (Authentication) tokens.getPrincipal(),
                        tokens.getAccessToken(), tokens.getRefreshToken(), parameters);
            });
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return grant.supports(authentication);
        }

    }

}
