package org.onekeylogin.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Liveness is added up by the database in the statement that writes it: sign-ins reported
 * at the same moment for an account that is new in a network all count, whichever of them
 * creates the row.
 */
@ServiceTest
class ConcurrentActivityTest {

    private static final int AT_ONCE = 50;

    @Autowired
    NetworkEnvironments networks;

    @Test
    void whenFiftySignInsOfANewAccountAreRecordedAtOnceThenEveryOneCounts(TestAccounts accounts) throws Exception {
        NetworkEnvironments fixed = networks.at(Clock.fixed(Instant.parse("2026-06-01T18:00:00Z"), ZoneOffset.UTC));
        for (int round = 0; round < 5; round++) {
            var network = new ObservedNetwork("race-" + UUID.randomUUID(), WifiSecurity.PERSONAL);
            String accountId = accounts.register("liveness").id();
            fixed.seen(network, "192.0.2.10");
            var start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE)) {
                for (int i = 0; i < AT_ONCE; i++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        fixed.signedIn(network, accountId);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            }
            List<NetworkEnvironments.Live> live = fixed.mostLive(network.id(), 5);
            assertThat(live).hasSize(1);
            assertThat(live.getFirst().activity().windowSignIns()).isEqualTo(AT_ONCE);
            assertThat(live.getFirst().score()).isCloseTo(AT_ONCE, within(1e-6));
        }
    }

}
