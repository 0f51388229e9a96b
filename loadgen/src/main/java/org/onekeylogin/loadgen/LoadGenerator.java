package org.onekeylogin.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.onekeylogin.client.DeviceInfo;
import org.onekeylogin.client.DeviceType;
import org.onekeylogin.client.LoginStarted;
import org.onekeylogin.client.OneKeyClient;
import org.onekeylogin.client.PendingApproval;
import org.onekeylogin.client.SessionClient;
import org.onekeylogin.client.SignInClient;
import org.onekeylogin.client.SignedIn;

/**
 * Measures complete phone-approved sign-ins over HTTP: a PC asks to sign in an account,
 * the account's phone approves with the code the PC shows, the PC collects its tokens.
 * One sign-in is those three requests plus everything the server does for them
 * (control-terminal lookup, push event, token signing, session storage).
 *
 * <pre>
 * java -jar onekey-loadgen.jar [--url http://localhost:8080] [--households 64] [--concurrency 64] [--warmup 10]
 *     [--seconds 30]
 * </pre> It also prints the CPU time the service used per sign-in while measuring, read
 * from the service's {@code process.cpu.time} metric. The target service must run with
 * anti-fatigue limits raised (each household signs in many times a minute). Both sides
 * use the client library ({@code onekey-client}), as the apps do; only the metric is read
 * over plain HTTP.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PASSWORD = "load-test-password";

    private final String base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final OneKeyClient onekey;

    private LoadGenerator(String base) {
        this.base = base;
        this.onekey = OneKeyClient.builder(base).timeout(Duration.ofSeconds(30)).build();
    }

    record Household(String login, SessionClient phone) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("url", "http://localhost:8080");
        int households = Integer.parseInt(options.getOrDefault("households", "64"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        new LoadGenerator(url).run(households, concurrency, warmup, seconds);
    }

    private void run(int householdCount, int concurrency, int warmupSeconds, int seconds) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
        System.out.printf("Setting up %d households (account + signed-in phone)...%n", householdCount);
        List<Household> households = new ArrayList<>();
        for (int i = 0; i < householdCount; i++) {
            households.add(household("load-" + run + "-" + i));
        }
        System.out.printf("Warming up for %d s...%n", warmupSeconds);
        drive(households, concurrency, warmupSeconds, run + "w");
        System.out.printf("Measuring for %d s with %d concurrent sign-ins...%n", seconds, concurrency);
        double cpuBefore = serviceCpuSeconds();
        Result result = drive(households, concurrency, seconds, run + "m");
        double cpuUsed = serviceCpuSeconds() - cpuBefore;
        long[] sorted = result.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("phone-approved sign-ins: %d ok, %d failed in %d s = %.0f sign-ins/s%n", result.ok.get(),
                result.failed.get(), seconds, result.ok.get() / (double) seconds);
        if (sorted.length > 0) {
            System.out.printf("latency of one whole sign-in (3 requests): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
        }
        if (cpuBefore >= 0 && result.ok.get() > 0) {
            System.out.printf("service CPU: %.2f cores, %.2f ms per sign-in (its process.cpu.time metric)%n",
                    cpuUsed / seconds, cpuUsed * 1000 / result.ok.get());
        }
    }

    record Result(AtomicLong ok, AtomicLong failed, ConcurrentLinkedQueue<Long> latencies) {
    }

    private Result drive(List<Household> households, int concurrency, int seconds, String tag) throws Exception {
        var result = new Result(new AtomicLong(), new AtomicLong(), new ConcurrentLinkedQueue<>());
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var done = new CountDownLatch(concurrency);
        for (int worker = 0; worker < concurrency; worker++) {
            Household household = households.get(worker % households.size());
            int id = worker;
            Thread.ofVirtual().start(() -> {
                long n = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        if (signIn(household, "pc-" + tag + "-" + id + "-" + n++)) {
                            result.ok.incrementAndGet();
                            result.latencies.add(System.nanoTime() - start);
                        }
                        else {
                            result.failed.incrementAndGet();
                        }
                    }
                }
                finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return result;
    }

    /**
     * The CPU time the service's process has used so far, from its metrics endpoint; -1
     * when it is not exposed.
     */
    private double serviceCpuSeconds() {
        try {
            JsonNode metric = get("/actuator/metrics/process.cpu.time", null);
            return metric.path("measurements").path(0).path("value").asDouble() / 1e9;
        }
        catch (RuntimeException notExposed) {
            return -1;
        }
    }

    /**
     * One whole phone-approved sign-in; false if any step did not answer as a working
     * service would.
     */
    private boolean signIn(Household household, String pcId) {
        try {
            SignInClient pc = onekey.signIn();
            LoginStarted started = pc.startLogin(household.login(),
                    DeviceInfo.builder(pcId, DeviceType.PC, "Load test PC").build());
            List<PendingApproval> pending = household.phone().pendingApprovals();
            household.phone().approve(pending.get(0).requestId(), started.verificationCode());
            SignedIn signedIn = pc.collectSession(started);
            return !signedIn.tokens().accessToken().isEmpty();
        }
        catch (RuntimeException failed) {
            return false;
        }
    }

    private Household household(String login) {
        SignInClient signIn = onekey.signIn();
        signIn.register(login, "Load", PASSWORD);
        SignedIn phone = signIn.signInWithPassword(login, PASSWORD,
                DeviceInfo.builder("phone-" + login, DeviceType.PHONE, "Load test phone").build());
        return new Household(login, onekey.signedIn(login, phone));
    }

    private JsonNode get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        return send(token == null ? request : request.header("Authorization", "Bearer " + token), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static Map<String, String> options(String[] args) {
        var map = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + Arrays.toString(args));
            }
            map.put(args[i].substring(2), args[i + 1]);
        }
        return map;
    }

}
