package org.onekeylogin.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.system.InsertOnce;
import org.onekeylogin.system.ServerSecrets;
import org.onekeylogin.token.internal.HashedTokenAuthorizations;
import org.onekeylogin.token.internal.HighEntropySecretEncoder;
import org.onekeylogin.token.internal.PlainTokenUpgrade;
import org.onekeylogin.token.internal.PublicClientAuthentication;
import org.onekeylogin.token.internal.RefreshTokenReuse;
import org.onekeylogin.token.internal.RefreshTokenRotation;
import org.onekeylogin.token.internal.RevocationEndsSession;
import org.onekeylogin.token.internal.SessionAuthorizations;
import org.onekeylogin.token.internal.SessionTokenCustomizer;
import org.onekeylogin.token.internal.SigningKeys;
import org.onekeylogin.token.internal.TokenHashes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
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
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
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
            PlatformTransactionManager transactions) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.clientAuthentication(auth -> auth
                .authenticationConverter(new PublicClientAuthentication.Converter(settings.getTokenRevocationEndpoint(),
                        settings.getDeviceAuthorizationEndpoint()))
                .authenticationProviders(
                        providers -> providers.addFirst(new PublicClientAuthentication.Provider(clients))));
            server.tokenRevocationEndpoint(revocation -> revocation
                .revocationResponseHandler(new RevocationEndsSession(authorizations, sessions)));
            customizers.forEach(customizer -> customizer.customize(server));
            server.tokenEndpoint(token -> {
                token.errorResponseHandler(reuse);
                token.authenticationProviders(providers -> providers
                    .replaceAll(provider -> RefreshTokenRotation.around(provider, reuse, sessions, transactions)));
                grants.forEach(grant -> token.accessTokenRequestConverter(grant.converter())
                    .authenticationProvider(grant.provider()));
            });
            server.oidc(oidc -> oidc.providerConfigurationEndpoint(
                    discovery -> discovery.providerConfigurationCustomizer(config -> config.claims(claims -> {
                        claims.put("id_token_signing_alg_values_supported", List.of(JWSAlgorithm.ES256.getName()));
                        // advertise what this service's clients can actually use
                        claims.put("grant_types_supported", new java.util.ArrayList<>(List.of("refresh_token",
                                "client_credentials", "urn:ietf:params:oauth:grant-type:device_code")));
                        claims.put("token_endpoint_auth_methods_supported",
                                List.of("client_secret_basic", "client_secret_post", "none"));
                        grants.forEach(grant -> grant.describe(claims, String.valueOf(claims.get("issuer"))));
                    }))));
        });
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        // RFC 6749 section 5.2: an unauthenticated client gets invalid_client as JSON,
        // not an empty 401
        http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, failure) -> {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"oauth2\"");
            response.setContentType("application/json");
            response.getWriter()
                .write("{\"error\":\"invalid_client\",\"error_description\":"
                        + "\"Authenticate the client: client_id for device apps, the client secret for others.\"}");
        }));
        return http.build();
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
                .clientSettings(ClientSettings.builder().requireProofKey(false).build())
                .tokenSettings(TokenSettings.builder()
                    .accessTokenTimeToLive(properties.tokens().accessTokenTtl())
                    .refreshTokenTimeToLive(properties.tokens().refreshTokenTtl())
                    .deviceCodeTimeToLive(properties.tokens().deviceCodeTtl())
                    .reuseRefreshTokens(false)
                    .idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
                    .build());
            c.grantTypes().forEach(g -> builder.authorizationGrantType(new AuthorizationGrantType(g)));
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
                new HashedTokenAuthorizations(new JdbcOAuth2AuthorizationService(jdbc, clients), hashes), sessions,
                transactions);
    }

    @Bean
    TokenHashes tokenHashes(ServerSecrets secrets) {
        return new TokenHashes(secrets.named(TokenHashes.SECRET_NAME));
    }

    @Bean
    PlainTokenUpgrade plainTokenUpgrade(JdbcClient jdbc, TokenHashes hashes) {
        return new PlainTokenUpgrade(jdbc, hashes);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(JdbcClient jdbc, InsertOnce inserts, Clock clock) {
        return new ImmutableJWKSet<>(new JWKSet(new SigningKeys(jdbc, inserts, clock).current()));
    }

    @Bean
    RefreshTokenReuse refreshTokenReuse(JdbcClient jdbc, PlatformTransactionManager transactions,
            DeviceSessionService sessions, Clock clock, TokenProperties properties, TokenHashes hashes) {
        return new RefreshTokenReuse(jdbc, transactions, sessions, clock, properties.tokens().refreshTokenTtl(),
                properties.tokens().refreshGrace(), hashes);
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource, Clock clock) {
        var jwt = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
        jwt.setJwtCustomizer(new SessionTokenCustomizer());
        jwt.setClock(clock);
        var refresh = new OAuth2RefreshTokenGenerator();
        refresh.setClock(clock);
        return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(), refresh);
    }

}
