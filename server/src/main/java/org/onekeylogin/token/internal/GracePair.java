package org.onekeylogin.token.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.Hashing;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

/**
 * The tokens one refresh issued, kept for the short grace window in which the same
 * refresh token presented again is a duplicate of that refresh (an app that refreshed
 * twice at once, a retry after a lost answer) and gets the same answer. They are stored
 * sealed with AES-256-GCM under a key derived from the refresh token that was exchanged,
 * which the service does not keep (only its SHA-256 hash, a different derivation): only a
 * request presenting that token can open them, and a copy of the database cannot.
 */
record GracePair(String clientId, String accessToken, Instant accessIssuedAt, Instant accessExpiresAt,
        Set<String> scopes, String refreshToken, Instant refreshIssuedAt, @Nullable Instant refreshExpiresAt,
        @Nullable String idToken) {

    private static final byte[] KEY_LABEL = "onekey refresh-token grace key".getBytes(StandardCharsets.UTF_8);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    GracePair {
        scopes = Set.copyOf(scopes);
    }

    static GracePair of(String clientId, OAuth2AccessTokenAuthenticationToken issued) {
        OAuth2AccessToken access = issued.getAccessToken();
        OAuth2RefreshToken refresh = issued.getRefreshToken();
        Object idToken = issued.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
        return new GracePair(clientId, access.getTokenValue(), access.getIssuedAt(), access.getExpiresAt(),
                access.getScopes(), refresh.getTokenValue(), refresh.getIssuedAt(), refresh.getExpiresAt(),
                idToken instanceof String s ? s : null);
    }

    OAuth2AccessToken access() {
        return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, accessIssuedAt, accessExpiresAt,
                new LinkedHashSet<>(scopes));
    }

    OAuth2RefreshToken refresh() {
        return new OAuth2RefreshToken(refreshToken, refreshIssuedAt, refreshExpiresAt);
    }

    /** Sealed under {@code exchanged}, bound to its hash. */
    String seal(String exchanged) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, exchanged, nonce).doFinal(encode());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /**
     * The pair sealed under {@code presented}, or empty when it was sealed under another
     * token.
     */
    static Optional<GracePair> open(String sealed, String presented) {
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, presented, Arrays.copyOf(in, NONCE_BYTES)).doFinal(in,
                    NONCE_BYTES, in.length - NONCE_BYTES);
            return Optional.of(decode(new String(plain, StandardCharsets.UTF_8)));
        }
        catch (AEADBadTagException notThisToken) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private byte[] encode() {
        // tokens are JWTs and base64url strings: a line feed never occurs in them
        return String
            .join("\n", clientId, accessToken, Long.toString(accessIssuedAt.toEpochMilli()),
                    Long.toString(accessExpiresAt.toEpochMilli()), String.join(" ", scopes), refreshToken,
                    Long.toString(refreshIssuedAt.toEpochMilli()),
                    refreshExpiresAt == null ? "" : Long.toString(refreshExpiresAt.toEpochMilli()),
                    idToken == null ? "" : idToken)
            .getBytes(StandardCharsets.UTF_8);
    }

    private static GracePair decode(String text) {
        List<String> f = List.of(text.split("\n", -1));
        return new GracePair(f.get(0), f.get(1), Instant.ofEpochMilli(Long.parseLong(f.get(2))),
                Instant.ofEpochMilli(Long.parseLong(f.get(3))),
                f.get(4).isEmpty() ? Set.of() : Set.of(f.get(4).split(" ")), f.get(5),
                Instant.ofEpochMilli(Long.parseLong(f.get(6))),
                f.get(7).isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f.get(7))),
                f.get(8).isEmpty() ? null : f.get(8));
    }

    private static Cipher cipher(int mode, String refreshToken, byte[] nonce) {
        try {
            byte[] key = HexFormat.of().parseHex(Hashing.hmacSha256Hex(KEY_LABEL, refreshToken));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(Hashing.sha256Hex(refreshToken).getBytes(StandardCharsets.US_ASCII));
            return cipher;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
