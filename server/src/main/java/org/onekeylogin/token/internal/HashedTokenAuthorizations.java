package org.onekeylogin.token.internal;

import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring's authorization store with every token kept as its keyed hash
 * ({@link TokenHashes}): authorization code, access token, ID token, refresh token, user
 * code and device code. A save replaces each token's value by its hash (metadata, claims
 * and expiry stay as they are); a lookup by token hashes the value presented.
 *
 * <p>
 * The authorization a lookup finds carries the presented token itself in place of its
 * hash, and the stored hashes for the others: Spring's introspection and revocation find
 * "the token presented" in the authorization by comparing values
 * ({@link OAuth2Authorization#getToken(String)}), and answer with it. Nothing reads the
 * value of any other token from a stored authorization; a grant that issues tokens
 * returns the new ones it generated, not what it read.
 */
public final class HashedTokenAuthorizations
        implements OAuth2AuthorizationService, NewAuthorizations, AuthorizationRemoval {

    private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private static final List<Class<? extends OAuth2Token>> KINDS = List.of(OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class, OidcIdToken.class, OAuth2RefreshToken.class, OAuth2UserCode.class,
            OAuth2DeviceCode.class);

    private final OAuth2AuthorizationService store;

    private final TokenHashes hashes;

    public HashedTokenAuthorizations(OAuth2AuthorizationService store, TokenHashes hashes) {
        this.store = store;
        this.hashes = hashes;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        store.save(hashed(authorization));
    }

    @Override
    public void insert(OAuth2Authorization authorization) {
        OAuth2Authorization hashed = hashed(authorization);
        if (store instanceof NewAuthorizations inserting) {
            inserting.insert(hashed);
        }
        else {
            store.save(hashed);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public void removeById(String id) {
        AuthorizationRemoval.removeById(store, id);
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        if (STATE.equals(tokenType)) {
            // a state is not a token this service keeps; Spring's store looks it up as is
            return store.findByToken(token, tokenType);
        }
        String lookup = USER_CODE.equals(tokenType) ? hashes.lookupUserCode(token) : hashes.lookup(token);
        OAuth2Authorization found = store.findByToken(lookup, tokenType);
        if (found == null) {
            return null;
        }
        String userCodeLookup = hashes.lookupUserCode(token);
        String normalUserCode = TokenHashes.normalUserCode(token);
        return withValues(found, (kind, value) -> {
            if (isUserCode(kind)) {
                return value.equals(userCodeLookup) ? normalUserCode : value;
            }
            return value.equals(lookup) ? token : value;
        });
    }

    private OAuth2Authorization hashed(OAuth2Authorization authorization) {
        return withValues(authorization,
                (kind, value) -> isUserCode(kind) ? hashes.storedUserCode(value) : hashes.stored(value));
    }

    private static boolean isUserCode(Class<? extends OAuth2Token> kind) {
        return kind == OAuth2UserCode.class;
    }

    /**
     * The authorization with each token's value replaced by {@code value(kind, current)},
     * its metadata unchanged.
     */
    private static OAuth2Authorization withValues(OAuth2Authorization authorization,
            BiFunction<Class<? extends OAuth2Token>, String, String> value) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
        for (Class<? extends OAuth2Token> kind : KINDS) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind);
            if (token != null) {
                String current = token.getToken().getTokenValue();
                String replaced = value.apply(kind, current);
                if (!replaced.equals(current)) {
                    // same class, so the builder keeps the token's metadata
                    builder.token(withValue(token.getToken(), replaced));
                }
            }
        }
        return builder.build();
    }

    private static OAuth2Token withValue(OAuth2Token token, String value) {
        return switch (token) {
            case OAuth2AccessToken access -> new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(),
                    access.getExpiresAt(), access.getScopes());
            case OidcIdToken id -> new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
            case OAuth2RefreshToken refresh ->
                new OAuth2RefreshToken(value, refresh.getIssuedAt(), refresh.getExpiresAt());
            case OAuth2AuthorizationCode code ->
                new OAuth2AuthorizationCode(value, code.getIssuedAt(), code.getExpiresAt());
            case OAuth2UserCode code -> new OAuth2UserCode(value, code.getIssuedAt(), code.getExpiresAt());
            case OAuth2DeviceCode code -> new OAuth2DeviceCode(value, code.getIssuedAt(), code.getExpiresAt());
            default -> throw new IllegalStateException("Not a token kind the store keeps: " + token.getClass());
        };
    }

}
