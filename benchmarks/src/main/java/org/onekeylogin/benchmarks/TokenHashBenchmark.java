package org.onekeylogin.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

/**
 * The keyed hash the authorization store keeps instead of each token: {@code h1:} and the
 * token's HMAC-SHA256 (lower-case hex) under a 256-bit server secret, computed on every
 * save (access, ID and refresh token of a sign-in) and on every lookup by token.
 *
 * <p>
 * The service's classes are not a dependency here (its jar is a repackaged Spring Boot
 * application); this makes the same JDK calls per hash as the service's
 * {@code TokenHashes} and {@code Hashing.hmacSha256Hex}: a new {@link Mac} from
 * {@code Mac.getInstance("HmacSHA256")}, initialised with the key, over the token's UTF-8
 * bytes, formatted with {@link HexFormat}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenHashBenchmark {

    private static final String MARK = "h1:";

    private static final String HMAC_SHA256 = "HmacSHA256";

    private byte[] key;

    private String accessToken;

    private String refreshToken;

    @Setup
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        this.key = new byte[32];
        random.nextBytes(this.key);
        // an ES256 access token as the service issues it (about 670 characters)
        TokenSigningBenchmark signing = new TokenSigningBenchmark();
        signing.setUp();
        this.accessToken = signing.signEs256();
        // a refresh token: 96 random bytes in base64url, as the service generates them
        byte[] refresh = new byte[96];
        random.nextBytes(refresh);
        this.refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(refresh);
        String hash = hmacAccessToken();
        if (hash.length() != MARK.length() + 64 || !hash.equals(hmacAccessToken()) || hash.equals(hmacRefreshToken())) {
            throw new IllegalStateException("The token hash is not a stable keyed hash: " + hash);
        }
    }

    /** The stored form of one access token (a JWT). */
    @Benchmark
    public String hmacAccessToken() {
        return lookup(accessToken);
    }

    /** The stored form of one refresh token (128 characters). */
    @Benchmark
    public String hmacRefreshToken() {
        return lookup(refreshToken);
    }

    private String lookup(String presented) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return MARK + HexFormat.of().formatHex(mac.doFinal(presented.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

}
