package org.onekeylogin.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checking a confidential client's secret at the token endpoint, once per token request
 * of a client that authenticates with one (CIBA, client_credentials, the authorization
 * code grant of a web application).
 *
 * <p>
 * The service stores client secrets as {@code {sha256}} and the secret's SHA-256 in hex,
 * behind Spring's {@link DelegatingPasswordEncoder}: a client secret is a long random
 * string, so a slow password hash adds nothing but time. The service's classes are not a
 * dependency here (its jar is a repackaged Spring Boot application); the encoder below
 * makes the same calls as its {@code HighEntropySecretEncoder}: SHA-256 of the UTF-8
 * bytes, the stored hex parsed with {@link HexFormat}, a constant-time
 * {@link MessageDigest#isEqual}. For comparison, the same check with BCrypt at Spring's
 * default strength (10), what Spring's default password encoder would store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientSecretBenchmark {

    private static final String SHA256 = "sha256";

    private static final String BCRYPT = "bcrypt";

    private PasswordEncoder encoders;

    private String secret;

    private String storedSha256;

    private String storedBcrypt;

    @Setup
    public void setUp() {
        // a 256-bit random secret in base64url, as the service generates its secrets
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.encoders = new DelegatingPasswordEncoder(SHA256,
                Map.of(SHA256, new Sha256SecretEncoder(), BCRYPT, new BCryptPasswordEncoder()));
        this.storedSha256 = encoders.encode(secret);
        this.storedBcrypt = "{" + BCRYPT + "}" + new BCryptPasswordEncoder().encode(secret);
        if (!storedSha256.startsWith("{" + SHA256 + "}") || !checkSha256() || !checkBcrypt()
                || encoders.matches(secret + "x", storedSha256)) {
            throw new IllegalStateException("The client-secret check does not tell the secret apart");
        }
    }

    /** The service's check: SHA-256 and a constant-time comparison. */
    @Benchmark
    public boolean checkSha256() {
        return encoders.matches(secret, storedSha256);
    }

    /** The same secret stored with BCrypt (strength 10). */
    @Benchmark
    public boolean checkBcrypt() {
        return encoders.matches(secret, storedBcrypt);
    }

    static final class Sha256SecretEncoder implements PasswordEncoder {

        @Override
        public String encode(CharSequence rawPassword) {
            return HexFormat.of().formatHex(digest(rawPassword));
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            if (rawPassword == null || encodedPassword == null) {
                return false;
            }
            byte[] expected;
            try {
                expected = HexFormat.of().parseHex(encodedPassword);
            }
            catch (IllegalArgumentException notHex) {
                return false;
            }
            return MessageDigest.isEqual(digest(rawPassword), expected);
        }

        private static byte[] digest(CharSequence raw) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

    }

}
