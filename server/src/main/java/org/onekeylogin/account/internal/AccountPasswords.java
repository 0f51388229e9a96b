package org.onekeylogin.account.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.onekeylogin.system.Hashing;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Account passwords, stored as bcrypt of the password's SHA-256
 * ({@code {bcrypt-sha256}}). bcrypt reads at most 72 bytes, and a password of up to 128
 * characters can be four times that in UTF-8: hashing first lets every character count
 * and keeps bcrypt's cost, so two long passwords that share their first 72 bytes are
 * still different. Hashes stored as plain {@code {bcrypt}} by earlier versions still
 * verify.
 *
 * <p>
 * Kept apart from the authorization server's encoder for client secrets on purpose:
 * Spring's client authentication re-encodes a secret whose encoding is not the encoder's
 * default, and client secrets must stay on their fast hash.
 *
 * <p>
 * bcrypt is slow on purpose (tens of milliseconds of CPU). It runs on a few platform
 * threads of its own ({@code onekey.passwords.hashing-threads}, by default half the
 * cores, at least one), never on the virtual threads' carriers: a burst of password
 * sign-ins then waits for those threads, and every other request keeps the rest of the
 * CPU.
 */
@Component
public class AccountPasswords implements DisposableBean {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private static final String ID = "bcrypt-sha256";

    private static final int BCRYPT_MAX_BYTES = 72;

    private final PasswordEncoder encoder;

    private final ExecutorService hashing;

    private final String threadPrefix = "password-hashing-" + POOLS.incrementAndGet() + "-";

    public AccountPasswords(@Value("${onekey.passwords.hashing-threads:0}") int threads) {
        var bcrypt = new BCryptPasswordEncoder();
        this.encoder = new DelegatingPasswordEncoder(ID,
                Map.of(ID, new PrehashedBcrypt(bcrypt), "bcrypt", new PlainBcrypt(bcrypt)));
        int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger numbers = new AtomicInteger();
        this.hashing = Executors.newFixedThreadPool(size,
                work -> Thread.ofPlatform()
                    .name(threadPrefix + numbers.incrementAndGet())
                    .daemon(true)
                    .unstarted(work));
    }

    public String hash(String password) {
        return onHashingThreads(() -> encoder.encode(password));
    }

    /**
     * Hashes on the hashing threads without waiting for the result: for a hash made while
     * the service starts, which then goes on in parallel.
     */
    public CompletableFuture<String> hashInBackground(String password) {
        return CompletableFuture.supplyAsync(() -> encoder.encode(password), hashing);
    }

    public boolean matches(String password, String stored) {
        return onHashingThreads(() -> encoder.matches(password, stored));
    }

    private <T> T onHashingThreads(Callable<T> work) {
        try {
            return hashing.submit(work).get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a password check", e);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The names of this instance's hashing threads start so. */
    String threadPrefix() {
        return threadPrefix;
    }

    @Override
    public void destroy() {
        hashing.shutdownNow();
    }

    private record PrehashedBcrypt(BCryptPasswordEncoder bcrypt) implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(prehash(raw));
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return bcrypt.matches(prehash(raw), encoded);
        }

        /**
         * 44 ASCII characters, within bcrypt's 72 bytes and free of the NUL bytes bcrypt
         * would stop at.
         */
        private static String prehash(CharSequence raw) {
            return Base64.getEncoder().encodeToString(Hashing.sha256(raw.toString()));
        }
    }

    /**
     * Hashes of earlier versions; a password longer than bcrypt can read can never have
     * produced one.
     */
    private record PlainBcrypt(BCryptPasswordEncoder bcrypt) implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            throw new UnsupportedOperationException("New passwords are stored as " + ID);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return raw.toString().getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES
                    && bcrypt.matches(raw, encoded);
        }
    }

}
