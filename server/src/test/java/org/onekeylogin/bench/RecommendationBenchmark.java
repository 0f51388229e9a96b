package org.onekeylogin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.onekeylogin.OneKeyApplication;
import org.onekeylogin.network.Liveness;
import org.onekeylogin.network.NetworkProperties;
import org.onekeylogin.network.internal.NetworkKeys;
import org.onekeylogin.recommendation.Recommendations;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Recommendation latency with a large population, in the service (not a test: run it by
 * hand, see docs/BENCHMARKS.md). It starts the service on the given database, loads 1M
 * accounts in 300k home networks (about three per household), generates sign-in events
 * and folds them into each (network, account) liveness with the service's formula (ln Σ
 * w·e^(t/τ), the same logaddexp the service applies per event), then times
 * {@code Recommendations.recommend} for random networks after 1M and after 10M events.
 *
 * <p>
 * Arguments are Spring properties, e.g.
 * {@code --spring.datasource.url=jdbc:h2:file:/tmp/bench/onekey}.
 */
public final class RecommendationBenchmark {

    static final int ACCOUNTS = 1_000_000;
    static final int NETWORKS = 300_000;
    static final long EVENTS_FIRST = 1_000_000;
    static final long EVENTS_TOTAL = 10_000_000;
    static final int SAMPLES = 20_000;

    public static void main(String[] args) throws Exception {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--logging.level.root=WARN";
        try (ConfigurableApplicationContext context = SpringApplication.run(OneKeyApplication.class, all)) {
            DataSource dataSource = context.getBean(DataSource.class);
            NetworkKeys keys = context.getBean(NetworkKeys.class);
            Recommendations recommendations = context.getBean(Recommendations.class);
            double tau = new Liveness(context.getBean(NetworkProperties.class).livenessHalfLife()).tau();
            String db = dataSource.getConnection().getMetaData().getDatabaseProductName();

            Instant now = Instant.now();
            String[] networkIds = new String[NETWORKS];
            for (int n = 0; n < NETWORKS; n++) {
                networkIds[n] = keys.hash("gateway:" + mac(n));
            }
            long start = System.nanoTime();
            loadAccountsAndNetworks(dataSource, networkIds, keys.hash("v4:10.0.0."), now);
            System.out.printf("%s: loaded %,d accounts and %,d networks in %.0f s%n", db, ACCOUNTS, NETWORKS,
                    (System.nanoTime() - start) / 1e9);

            double[] logLiveness = new double[ACCOUNTS];
            Arrays.fill(logLiveness, Double.NEGATIVE_INFINITY);
            int[] signIns = new int[ACCOUNTS];
            SplittableRandom random = new SplittableRandom(42);
            fold(random, logLiveness, signIns, EVENTS_FIRST, now, tau);
            start = System.nanoTime();
            writeLiveness(dataSource, networkIds, logLiveness, signIns, now, true);
            System.out.printf("%s: stored the liveness of %,d events in %.0f s%n", db, EVENTS_FIRST,
                    (System.nanoTime() - start) / 1e9);
            measure(db, "1M events", recommendations, networkIds);

            fold(random, logLiveness, signIns, EVENTS_TOTAL - EVENTS_FIRST, now, tau);
            start = System.nanoTime();
            writeLiveness(dataSource, networkIds, logLiveness, signIns, now, false);
            System.out.printf("%s: stored the liveness of %,d events in %.0f s%n", db, EVENTS_TOTAL,
                    (System.nanoTime() - start) / 1e9);
            measure(db, "10M events", recommendations, networkIds);
        }
    }

    /**
     * Account a lives in network a % NETWORKS; each event is a sign-in at a random time
     * in the last 60 days.
     */
    static void fold(SplittableRandom random, double[] logLiveness, int[] signIns, long events, Instant now,
            double tau) {
        long sixtyDays = Duration.ofDays(60).toSeconds();
        for (long e = 0; e < events; e++) {
            int a = random.nextInt(ACCOUNTS);
            double t = now.getEpochSecond() - random.nextLong(sixtyDays);
            double w = t / tau; // ln(1) + t/tau
            double old = logLiveness[a];
            logLiveness[a] = old == Double.NEGATIVE_INFINITY ? w : Liveness.plus(old, w);
            signIns[a]++;
        }
    }

    static void loadAccountsAndNetworks(DataSource dataSource, String[] networkIds, String prefixHash, Instant now)
            throws Exception {
        OffsetDateTime created = now.minus(Duration.ofDays(60)).atOffset(ZoneOffset.UTC);
        String hash = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3RWuW5l4d4WfZJbXs6a9iIa";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO account (id, login_name, display_name, "
                    + "password_hash, status, membership_tier, user_level, theft_risk_index, sharer_count, "
                    + "offsite_sign_ins, may_recommend, may_auto_sign_in, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, 0, 0, 0, TRUE, FALSE, ?, ?)")) {
                for (int a = 0; a < ACCOUNTS; a++) {
                    s.setString(1, accountId(a));
                    s.setString(2, "bench" + a);
                    s.setString(3, "Bench " + a);
                    s.setString(4, hash);
                    s.setString(5, a % 10 == 0 ? "VIP" : "FREE");
                    s.setInt(6, a % 50);
                    s.setObject(7, created);
                    s.setObject(8, created);
                    s.addBatch();
                    if (a % 5000 == 4999) {
                        s.executeBatch();
                        c.commit();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement env = c.prepareStatement("INSERT INTO network_env (id, security, first_seen_at, "
                    + "last_seen_at) VALUES (?, 'PERSONAL', ?, ?)");
                    PreparedStatement address = c.prepareStatement("INSERT INTO network_address (network_id, "
                            + "prefix_hash, last_seen_at) VALUES (?, ?, ?)")) {
                OffsetDateTime seen = now.atOffset(ZoneOffset.UTC);
                for (int n = 0; n < NETWORKS; n++) {
                    env.setString(1, networkIds[n]);
                    env.setObject(2, created);
                    env.setObject(3, seen);
                    env.addBatch();
                    address.setString(1, networkIds[n]);
                    address.setString(2, prefixHash);
                    address.setObject(3, seen);
                    address.addBatch();
                    if (n % 5000 == 4999) {
                        env.executeBatch();
                        address.executeBatch();
                        c.commit();
                    }
                }
                env.executeBatch();
                address.executeBatch();
            }
            c.commit();
        }
    }

    static void writeLiveness(DataSource dataSource, String[] networkIds, double[] logLiveness, int[] signIns,
            Instant now, boolean insert) throws Exception {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String sql = insert
                    ? "INSERT INTO network_account (log_liveness, window_sign_ins, network_id, account_id, "
                            + "first_seen_at, last_active_at, window_start, window_active_s, picked, ignored, "
                            + "cancelled, suppressed) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, FALSE)"
                    : "UPDATE network_account SET log_liveness = ?, window_sign_ins = ? "
                            + "WHERE network_id = ? AND account_id = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int batched = 0;
                for (int a = 0; a < ACCOUNTS; a++) {
                    if (logLiveness[a] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    s.setDouble(1, logLiveness[a]);
                    s.setInt(2, signIns[a]);
                    s.setString(3, networkIds[a % NETWORKS]);
                    s.setString(4, accountId(a));
                    if (insert) {
                        s.setObject(5, at);
                        s.setObject(6, at);
                        s.setObject(7, at);
                    }
                    s.addBatch();
                    if (++batched % 5000 == 0) {
                        s.executeBatch();
                        c.commit();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
        if (!insert) {
            // accounts without events after the first million gain their first row now
            writeMissing(dataSource, networkIds, logLiveness, signIns, at);
        }
    }

    static void writeMissing(DataSource dataSource, String[] networkIds, double[] logLiveness, int[] signIns,
            OffsetDateTime at) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO network_account (log_liveness, "
                    + "window_sign_ins, network_id, account_id, first_seen_at, last_active_at, window_start, "
                    + "window_active_s, picked, ignored, cancelled, suppressed) SELECT ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, "
                    + "0, FALSE WHERE NOT EXISTS (SELECT 1 FROM network_account WHERE network_id = ? AND account_id = ?)")) {
                int batched = 0;
                for (int a = 0; a < ACCOUNTS; a++) {
                    if (logLiveness[a] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    s.setDouble(1, logLiveness[a]);
                    s.setInt(2, signIns[a]);
                    s.setString(3, networkIds[a % NETWORKS]);
                    s.setString(4, accountId(a));
                    s.setObject(5, at);
                    s.setObject(6, at);
                    s.setObject(7, at);
                    s.setString(8, networkIds[a % NETWORKS]);
                    s.setString(9, accountId(a));
                    s.addBatch();
                    if (++batched % 5000 == 0) {
                        s.executeBatch();
                        c.commit();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    static void measure(String db, String label, Recommendations recommendations, String[] networkIds) {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            recommendations.recommend(networkIds[random.nextInt(NETWORKS)], "10.0.0.9", Set.of());
        }
        long[] nanos = new long[SAMPLES];
        int found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            found += recommendations.recommend(networkIds[random.nextInt(NETWORKS)], "10.0.0.9", Set.of())
                .candidates()
                .size();
            nanos[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf(
                "%s, %s: p50 %.2f ms, p99 %.2f ms, %.0f recommendations/s on one thread, %.1f accounts "
                        + "per answer%n",
                db, label, nanos[SAMPLES / 2] / 1e6, nanos[SAMPLES * 99 / 100] / 1e6, SAMPLES / seconds,
                found / (double) SAMPLES);
    }

    static String accountId(int a) {
        return String.format("00000000-0000-0000-0000-%012d", a);
    }

    static String mac(int n) {
        return String.format("f8:1a:%02x:%02x:%02x:%02x", (n >> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff,
                n & 0xff);
    }

}
