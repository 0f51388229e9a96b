package org.onekeylogin.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Concurrently;

/**
 * bcrypt runs on the hashing threads only, at most as many at once as configured, however
 * many requests check a password at the same time: a sampler looks at every thread's
 * stack while 20 checks run and notes each thread found inside bcrypt.
 */
class AccountPasswordsTest {

    @Test
    void passwordsAreHashedOnTheirOwnFewThreadsHoweverManyCheckAtOnce() throws Exception {
        var passwords = new AccountPasswords(2);
        try {
            String stored = passwords.hash("correct horse battery");
            Set<String> inBcrypt = ConcurrentHashMap.newKeySet();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().start(() -> {
                while (sampling.get()) {
                    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                        for (StackTraceElement frame : thread.getValue()) {
                            if (frame.getClassName().endsWith(".BCrypt")) {
                                inBcrypt.add(thread.getKey().getName());
                                break;
                            }
                        }
                    }
                    Thread.onSpinWait();
                }
            });

            List<Boolean> checks = Concurrently.run(20,
                    i -> passwords.matches(i % 2 == 0 ? "correct horse battery" : "wrong horse battery", stored));

            sampling.set(false);
            sampler.join();
            assertThat(checks).as("each check answers for its own password")
                .containsExactly(IntStream.range(0, 20).mapToObj(i -> i % 2 == 0).toArray(Boolean[]::new));
            assertThat(inBcrypt).as("threads seen inside bcrypt")
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(2)
                .allMatch(name -> name.startsWith(passwords.threadPrefix()));
        }
        finally {
            passwords.destroy();
        }
    }

}
