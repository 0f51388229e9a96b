package org.onekeylogin.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signing and verifying one access token, as the service does for every token it issues
 * and for the first API call made with each.
 *
 * <p>
 * The service is a Spring Boot application whose jar is repackaged, so its classes are
 * not a dependency here; this uses the same libraries, versions and parameters instead: a
 * P-256 key (ES256) and a 2048-bit RSA key (RS256), generated with Nimbus JOSE as the
 * service's {@code SigningKeys} generates them, both in one {@link JWKSet} behind one
 * {@link NimbusJwtEncoder}, as the authorization server's token generator is built. The
 * claims are those of the service's access token (see "Tokens and claims" in API.md):
 * {@code iss}, {@code sub}, {@code aud}, {@code nbf}, {@code iat}, {@code exp} (10
 * minutes), {@code jti} (a new UUID per token), {@code scope}, {@code sid},
 * {@code device_id}, {@code amr}, {@code acr}, {@code auth_time}, under the header
 * {@code typ: at+jwt}. Each call builds a new claim set, as each token request does.
 *
 * <p>
 * Access tokens are always ES256; RS256 is what an ID token costs for a client registered
 * with {@code id-token-signed-response-alg: RS256}, and what a relying party pays to
 * verify one. Verification is the signature check only, with a {@link NimbusJwtDecoder}
 * over the same keys, as the service's API does once per token (it then caches the result
 * and checks expiry and session on every request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// the JDK's elliptic-curve code needs seconds of CPU before it is fully compiled
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenSigningBenchmark {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private NimbusJwtEncoder encoder;

    private NimbusJwtDecoder es256Decoder;

    private NimbusJwtDecoder rs256Decoder;

    private NimbusJwtDecoder es256ServerDecoder;

    private String es256Token;

    private String rs256Token;

    private final String subject = UUID.randomUUID().toString();

    private final String sessionId = UUID.randomUUID().toString();

    private final Instant authTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Setup
    public void setUp() throws JOSEException {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.ES256)
            .keyID(UUID.randomUUID().toString())
            .generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyID(UUID.randomUUID().toString())
            .generate();
        JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(new JWKSet(List.of(ec, rsa)));
        this.encoder = new NimbusJwtEncoder(keys);
        JWKSource<SecurityContext> publicKeys = new ImmutableJWKSet<>(new JWKSet(List.of(ec, rsa)).toPublicJWKSet());
        this.es256Decoder = signatureOnly(publicKeys, SignatureAlgorithm.ES256);
        this.rs256Decoder = signatureOnly(publicKeys, SignatureAlgorithm.RS256);
        this.es256ServerDecoder = signatureOnly(keys, SignatureAlgorithm.ES256);
        this.es256Token = signEs256();
        this.rs256Token = signRs256();
        // what is measured must be what the service does: each token verifies with its
        // own algorithm's key and carries the claims it was signed with
        check(verifyEs256(), "ES256");
        check(verifyRs256(), "RS256");
        check(verifyEs256ServerKeySet(), "ES256");
    }

    private static NimbusJwtDecoder signatureOnly(JWKSource<SecurityContext> keys, SignatureAlgorithm algorithm) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(algorithm).build();
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return decoder;
    }

    private void check(Jwt jwt, String algorithm) {
        if (!subject.equals(jwt.getSubject()) || !sessionId.equals(jwt.getClaimAsString("sid"))
                || !algorithm.equals(String.valueOf(jwt.getHeaders().get("alg")))) {
            throw new IllegalStateException("The " + algorithm + " token does not verify to what was signed");
        }
    }

    /** One access token signed with ES256 (P-256), as every access token is. */
    @Benchmark
    public String signEs256() {
        return sign(SignatureAlgorithm.ES256);
    }

    /** The same claims signed with RS256 (2048 bits). */
    @Benchmark
    public String signRs256() {
        return sign(SignatureAlgorithm.RS256);
    }

    /** The signature of one ES256 access token checked with the public key. */
    @Benchmark
    public Jwt verifyEs256() {
        return es256Decoder.decode(es256Token);
    }

    /** The signature of one RS256 token checked with the public key. */
    @Benchmark
    public Jwt verifyRs256() {
        return rs256Decoder.decode(rs256Token);
    }

    /**
     * The signature of one ES256 access token checked by a decoder over the signing key
     * set, private keys included, as the service's API decoder is built.
     */
    @Benchmark
    public Jwt verifyEs256ServerKeySet() {
        return es256ServerDecoder.decode(es256Token);
    }

    private String sign(SignatureAlgorithm algorithm) {
        Instant issuedAt = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer("http://localhost:8080")
            .subject(subject)
            .audience(List.of("onekey-device"))
            .issuedAt(issuedAt)
            .expiresAt(issuedAt.plus(10, ChronoUnit.MINUTES))
            .id(UUID.randomUUID().toString())
            .notBefore(issuedAt)
            // RFC 9068: one space-separated string
            .claim("scope", "openid profile")
            .claim("sid", sessionId)
            .claim("device_id", "phone-5f2c9a71")
            .claim("amr", new ArrayList<>(List.of("pwd")))
            .claim("acr", "urn:onekey:acr:secret")
            .claim("auth_time", Date.from(authTime))
            .build();
        JwsHeader header = JwsHeader.with(algorithm).type(ACCESS_TOKEN_TYPE).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

}
