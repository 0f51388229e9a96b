package org.onekeylogin.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.token.internal.AuthorizationCodeSessions;
import org.onekeylogin.token.internal.AuthorizationResponses;
import org.onekeylogin.token.internal.BrowserSignIn;
import org.onekeylogin.token.internal.ClientAuthenticationErrors;
import org.onekeylogin.token.internal.DeviceCodeOpenId;
import org.onekeylogin.token.internal.ProfileClaims;
import org.onekeylogin.token.internal.ServerMetadata;
import org.onekeylogin.token.internal.UserInfoErrors;
import org.onekeylogin.token.internal.WithoutDpop;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.system.InsertOnce;
import org.onekeylogin.system.ServerSecrets;
import org.onekeylogin.token.internal.HashedTokenAuthorizations;
import org.onekeylogin.token.internal.JdbcAuthorizations;
import org.onekeylogin.token.internal.HighEntropySecretEncoder;
import org.onekeylogin.token.internal.PlainTokenUpgrade;
import org.onekeylogin.token.internal.PublicClientAuthentication;
import org.onekeylogin.token.internal.RefreshTokenReuse;
import org.onekeylogin.token.internal.RefreshTokenRotation;
import org.onekeylogin.token.internal.RevocationEndsSession;
import org.onekeylogin.token.internal.SessionAuthorizations;
import org.onekeylogin.token.internal.SessionTokenCustomizer;
import org.onekeylogin.token.internal.SigningKeySet;
import org.onekeylogin.token.internal.SigningKeys;
import org.onekeylogin.token.internal.TokenHashes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring's OAuth2 authorization server, configured for OneKey: clients from
 * configuration, authorizations in the database, an ES256 key that persists, rotating
 * refresh tokens and public device clients. How the JSON API checks the tokens it issues
 * is {@link ApiTokenCheckConfig}.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations, DeviceSessionService sessions,
            AuthorizationServerSettings settings, List<TokenGrantExtension> grants,
            List<AuthorizationServerCustomizer> customizers, RefreshTokenReuse reuse,
            PlatformTransactionManager transactions, TokenProperties properties,
            OAuth2TokenGenerator<? extends OAuth2Token> generator, AccountService accounts, BrowserSignIn browsers,
            SessionRegistry sessionRegistry) throws Exception {
        var metadata = new ServerMetadata(settings,
                properties.clients().stream().map(c -> clients.findByClientId(c.clientId())).toList(),
                SignInMethod.acrValues(), (claims, issuer) -> grants.forEach(grant -> grant.describe(claims, issuer)));
        RequestMatcher userInfo = PathPatternRequestMatcher.withDefaults().matcher(settings.getOidcUserInfoEndpoint());
        RequestMatcher authorizationEndpoint = PathPatternRequestMatcher.withDefaults()
            .matcher(settings.getAuthorizationEndpoint());
        var userInfoErrors = new UserInfoErrors();
        var authorizationResponses = new AuthorizationResponses(browsers, sessionRegistry);
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.clientAuthentication(auth -> auth
                .authenticationConverter(new PublicClientAuthentication.Converter(settings.getTokenRevocationEndpoint(),
                        settings.getDeviceAuthorizationEndpoint()))
                .authenticationProviders(
                        providers -> providers.addFirst(new PublicClientAuthentication.Provider(clients)))
                .errorResponseHandler(new ClientAuthenticationErrors()));
            server.tokenRevocationEndpoint(revocation -> revocation
                .revocationResponseHandler(new RevocationEndsSession(authorizations, sessions)));
            server.deviceAuthorizationEndpoint(device -> device.authenticationProviders(providers -> providers
                .replaceAll(provider -> DeviceCodeOpenId.aroundRequest(provider, authorizations, transactions))));
            // the authorization code flow (RFC 6749 section 4.1): OneKey's hosted sign-in
            // page, answers on the client's redirect URI, a device session per exchange
            server.authorizationEndpoint(authorize -> authorize.authorizationResponseHandler(authorizationResponses)
                .errorResponseHandler(authorizationResponses));
            customizers.forEach(customizer -> customizer.customize(server));
            server.tokenEndpoint(token -> {
                token.errorResponseHandler(reuse);
                token
                    .authenticationProviders(
                            providers -> providers.replaceAll(
                                    provider -> AuthorizationCodeSessions.around(
                                            DeviceCodeOpenId.aroundGrant(RefreshTokenRotation.around(provider, reuse,
                                                    sessions, transactions), authorizations, generator, transactions),
                                            authorizations, sessions, transactions)));
                grants.forEach(grant -> token.accessTokenRequestConverter(grant.converter())
                    .authenticationProvider(grant.provider()));
                token.accessTokenRequestConverters(converters -> converters.replaceAll(WithoutDpop::new));
            });
            server.authorizationServerMetadataEndpoint(discovery -> discovery
                .authorizationServerMetadataCustomizer(config -> config.claims(metadata::describe)));
            server.oidc(oidc -> oidc.providerConfigurationEndpoint(
                    discovery -> discovery.providerConfigurationCustomizer(config -> config.claims(metadata::describe)))
                .userInfoEndpoint(endpoint -> endpoint.userInfoMapper(userInfoMapper(new ProfileClaims(accounts)))
                    .errorResponseHandler(userInfoErrors)));
        });
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        // no HTTP sessions, so that any node serves any request: the hosted sign-in page
        // carries the authorization request in its address and comes back with it, and
        // the browser's sign-in is a sealed cookie (BrowserSignIn)
        http.requestCache(cache -> cache.requestCache(new NullRequestCache()));
        http.securityContext(context -> context.securityContextRepository(browsers));
        // RFC 6749 section 5.2: an unauthenticated client gets invalid_client as JSON,
        // not an empty 401; RFC 6750 section 3: /userinfo without a token gets a Bearer
        // challenge
        http.oauth2ResourceServer(tokens -> tokens.authenticationEntryPoint(userInfoErrors));
        http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, failure) -> {
            if (authorizationEndpoint.matches(request)) {
                AuthorizationResponses.toSignInPage(request, response);
                return;
            }
            if (userInfo.matches(request)) {
                userInfoErrors.commence(request, response, failure);
                return;
            }
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", ClientChallenge.BASIC);
            response.setContentType("application/json");
            response.getWriter()
                .write("{\"error\":\"invalid_client\",\"error_description\":"
                        + "\"Authenticate the client: client_id for device apps, the client secret for others.\"}");
        }));
        return http.build();
    }

    /**
     * {@code /userinfo}: the claims the account gives for the scopes of the access token
     * ({@link ProfileClaims}), read fresh from the account.
     */
    private static Function<OidcUserInfoAuthenticationContext, OidcUserInfo> userInfoMapper(ProfileClaims profiles) {
        return context -> new OidcUserInfo(
                profiles.of(context.getAuthorization().getPrincipalName(), context.getAccessToken().getScopes()));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(TokenProperties properties) {
        var settings = AuthorizationServerSettings.builder();
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // client secrets only (account passwords have their own hashing in the account
        // feature): with the fast
        // encoding as the default, Spring's client authentication never "upgrades" a
        // secret to a slow hash
        Map<String, PasswordEncoder> encoders = new HashMap<>();
        encoders.put(HighEntropySecretEncoder.ID, new HighEntropySecretEncoder());
        return new DelegatingPasswordEncoder(HighEntropySecretEncoder.ID, encoders);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(TokenProperties properties) {
        if (properties.clients().isEmpty()) {
            throw new IllegalStateException("Configure at least one OAuth2 client under onekey.clients");
        }
        var encoder = new HighEntropySecretEncoder();
        List<RegisteredClient> clients = properties.clients().stream().map(c -> {
            var builder = RegisteredClient.withId(UUID.nameUUIDFromBytes(c.clientId().getBytes()).toString())
                .clientId(c.clientId())
                .clientName(c.name() == null ? c.clientId() : c.name())
                .scopes(scopes -> scopes.addAll(c.scopes()))
                .redirectUris(uris -> uris.addAll(c.redirectUris()))
                // PKCE (S256) for public clients (RFC 9700 section 2.1.1); every
                // configured
                // client is first party: no consent screen
                .clientSettings(ClientSettings.builder()
                    .requireProofKey(c.publicClient())
                    .requireAuthorizationConsent(false)
                    .build())
                .tokenSettings(TokenSettings.builder()
                    .accessTokenTimeToLive(properties.tokens().accessTokenTtl())
                    .refreshTokenTimeToLive(properties.tokens().refreshTokenTtl())
                    .deviceCodeTimeToLive(properties.tokens().deviceCodeTtl())
                    .reuseRefreshTokens(false)
                    .idTokenSignatureAlgorithm(c.idTokenSignedResponseAlg())
                    .build());
            c.grantTypes().forEach(g -> builder.authorizationGrantType(new AuthorizationGrantType(g)));
            c.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
            if (c.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())
                    && c.redirectUris().isEmpty()) {
                throw new IllegalStateException(
                        "Client " + c.clientId() + " has the authorization_code grant: give it redirect-uris");
            }
            if (c.publicClient()) {
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            }
            else {
                if (c.clientSecret() == null || c.clientSecret().isBlank()) {
                    throw new IllegalStateException(
                            "Client " + c.clientId() + " needs a client-secret or public-client: true");
                }
                builder.clientSecret("{" + HighEntropySecretEncoder.ID + "}" + encoder.encode(c.clientSecret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
            }
            return builder.build();
        }).toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * Spring's JDBC store, keeping tokens as keyed hashes and telling each device session
     * the id of its newest access token as it is saved.
     */
    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients,
            DeviceSessionService sessions, PlatformTransactionManager transactions, TokenHashes hashes) {
        return new SessionAuthorizations(
                new HashedTokenAuthorizations(new JdbcAuthorizations(jdbc, clients, transactions), hashes), sessions,
                transactions);
    }

    /**
     * The registry Spring's OpenID Connect support notes HTTP sessions in; the
     * authorization endpoint's answers remove what it noted
     * ({@link AuthorizationResponses}).
     */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    BrowserSignIn browserSignIn(ServerSecrets secrets, Clock clock, AuthorizationServerSettings settings) {
        return new BrowserSignIn(secrets.named(BrowserSignIn.SECRET_NAME), clock, settings.getAuthorizationEndpoint());
    }

    @Bean
    TokenHashes tokenHashes(ServerSecrets secrets) {
        return new TokenHashes(secrets.named(TokenHashes.SECRET_NAME));
    }

    @Bean
    PlainTokenUpgrade plainTokenUpgrade(JdbcClient jdbc, TokenHashes hashes, PlatformTransactionManager transactions) {
        return new PlainTokenUpgrade(jdbc, hashes, transactions);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(JdbcClient jdbc, InsertOnce inserts, Clock clock) {
        return new SigningKeySet(new SigningKeys(jdbc, inserts, clock));
    }

    @Bean
    RefreshTokenReuse refreshTokenReuse(JdbcClient jdbc, PlatformTransactionManager transactions,
            DeviceSessionService sessions, Clock clock, TokenProperties properties, TokenHashes hashes) {
        return new RefreshTokenReuse(jdbc, transactions, sessions, clock, properties.tokens().refreshTokenTtl(),
                properties.tokens().refreshGrace(), hashes);
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource, Clock clock, AccountService accounts) {
        var jwt = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
        jwt.setJwtCustomizer(new SessionTokenCustomizer(new ProfileClaims(accounts)));
        jwt.setClock(clock);
        // Spring's refresh token generator, except that public clients of the
        // authorization
        // code grant get one too: every refresh token here rotates on use and a reused
        // one
        // ends the session (RFC 9700 section 4.14.2), as for the device apps
        var keys = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);
        OAuth2TokenGenerator<OAuth2RefreshToken> refresh = context -> {
            if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
                return null;
            }
            Instant issuedAt = clock.instant();
            return new OAuth2RefreshToken(keys.generateKey(), issuedAt,
                    issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
        };
        return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(), refresh);
    }

}
