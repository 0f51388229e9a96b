package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Saves of one authorization that belongs to no device session (nothing else orders
 * them), fired at the same moment: each save replaces the rows its tokens are found by,
 * so when the race is over exactly one token is found and it is the one stored.
 */
@ServiceTest
class AuthorizationSaveRaceTest {

    @Autowired
    OAuth2AuthorizationService authorizations;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    JdbcClient jdbc;

    @Test
    void whenOneAuthorizationIsSavedManyTimesAtOnceThenOnlyTheStoredTokenIsFound() {
        RegisteredClient backend = clients.findByClientId("onekey-backend");
        for (int round = 0; round < 4; round++) {
            String id = UUID.randomUUID().toString();
            OAuth2Authorization first = authorization(backend, id, "first-" + id);
            authorizations.save(first);

            List<OAuth2Authorization> saved = Concurrently.run(50, i -> {
                OAuth2Authorization next = OAuth2Authorization.from(first)
                    .token(accessToken("racer-" + i + "-" + id))
                    .build();
                authorizations.save(next);
                return next;
            });

            assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization_lookup WHERE authorization_id = ?")
                .param(id)
                .query(Integer.class)
                .single()).as("round %d: one row per token the authorization holds", round).isEqualTo(1);
            assertThat(authorizations.findByToken("first-" + id, OAuth2TokenType.ACCESS_TOKEN))
                .as("the replaced token is not found")
                .isNull();
            List<String> found = saved.stream()
                .map(racer -> racer.getAccessToken().getToken().getTokenValue())
                .filter(value -> authorizations.findByToken(value, OAuth2TokenType.ACCESS_TOKEN) != null)
                .toList();
            assertThat(found).as("round %d: only the token of the last save is found", round).hasSize(1);
        }
    }

    private static OAuth2Authorization authorization(RegisteredClient client, String id, String token) {
        return OAuth2Authorization.withRegisteredClient(client)
            .id(id)
            .principalName(client.getClientId())
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .token(accessToken(token))
            .build();
    }

    private static OAuth2AccessToken accessToken(String value) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, now, now.plusSeconds(300));
    }

}
