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
 *     [--seconds 30] [--mode sign-in|ciba|client-credentials|event-latency] [--samples 500]
 *     [--client-id onekey-ciba] [--client-secret change-me-ciba-secret]
 * </pre> {@code --url} may name several nodes of one cluster, separated by commas: each
 * household's phone then talks to one node and its PC to the next, so every sign-in
 * crosses nodes. It also prints the CPU time the service used per sign-in while
 * measuring, read from each node's {@code process.cpu.time} metric and added up. With
 * {@code --mode event-latency} it measures instead how long a prompt takes from the PC's
 * request answered on one node to the phone's event stream on another ({@code --samples}
 * prompts, one at a time). The target service must run with anti-fatigue limits raised
 * (each household signs in many times a minute). Both sides use the client library
 * ({@code onekey-client}), as the apps do; only the metric is read over plain HTTP.
 *
 * <p>
 * {@code --mode ciba} measures the same sign-in as a shop's back end makes it with OpenID
 * Connect CIBA (poll mode): {@code bc-authorize} with the client's secret, the phone
 * approves with the shown code, one token request collects the tokens (the client
 * defaults to {@code onekey-ciba} with the default configuration's secret).
 * {@code --mode client-credentials} measures the token endpoint alone: one
 * {@code client_credentials} grant per request (default client {@code onekey-backend}).
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PASSWORD = "load-test-password";

    private final List<String> bases;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<OneKeyClient> nodes = new ArrayList<>();

    private LoadGenerator(List<String> bases) {
        this.bases = bases;
        for (String base : bases) {
            nodes.add(OneKeyClient.builder(base).timeout(Duration.ofSeconds(30)).build());
        }
    }

    /** A household's account and phone, and the node its PC asks. */
    record Household(String login, SessionClient phone, OneKeyClient pcNode, String pcBase) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("url", "http://localhost:8080");
        int households = Integer.parseInt(options.getOrDefault("households", "64"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        var generator = new LoadGenerator(List.of(url.split(",")));
        String mode = options.getOrDefault("mode", "sign-in");
        switch (mode) {
            case "event-latency" -> generator.eventLatency(Integer.parseInt(options.getOrDefault("samples", "500")));
            case "sign-in" -> generator.run(households, concurrency, warmup, seconds, generator::signIn,
                    "phone-approved sign-ins", "3 requests");
            case "ciba" -> {
                generator.client = new Client(options.getOrDefault("client-id", "onekey-ciba"),
                        options.getOrDefault("client-secret", "change-me-ciba-secret"));
                generator.run(households, concurrency, warmup, seconds, generator::cibaSignIn, "CIBA sign-ins",
                        "bc-authorize, 2 phone requests, token");
            }
            case "client-credentials" -> {
                generator.client = new Client(options.getOrDefault("client-id", "onekey-backend"),
                        options.getOrDefault("client-secret", "change-me-backend-secret"));
                generator.run(1, concurrency, warmup, seconds, generator::clientCredentials,
                        "client_credentials grants", "1 request");
            }
            default -> throw new IllegalArgumentException(
                    "--mode is sign-in, ciba, client-credentials or event-latency, not " + mode);
        }
    }

    /** A confidential client's credentials, for the back-end modes. */
    record Client(String id, String secret) {

        String basic() {
            return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((form(id) + ":" + form(secret)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

    }

    /**
     * One measured unit of work; false when it did not answer as a working service would.
     */
    @FunctionalInterface
    interface Step {

        boolean run(Household household, String deviceId);

    }

    private Client client;

    /**
     * One household whose phone holds its event stream on the last node; its PC asks on
     * the first, one prompt at a time: the time from the PC's request answered (the
     * request is stored and the bus told) to the event on the phone's stream.
     */
    private void eventLatency(int samples) throws Exception {
        String login = "latency-" + Long.toString(System.currentTimeMillis() % 100_000_000, 36);
        OneKeyClient pcNode = nodes.get(0);
        OneKeyClient phoneNode = nodes.get(nodes.size() - 1);
        pcNode.signIn().register(login, "Latency", PASSWORD);
        SessionClient phone = phoneNode.signedIn(login,
                phoneNode.signIn()
                    .signInWithPassword(login, PASSWORD,
                            DeviceInfo.builder("phone-" + login, DeviceType.PHONE, "Latency phone").build()));
        var arrived = new java.util.concurrent.LinkedBlockingQueue<Long>();
        try (var stream = phone.events(event -> {
            if ("login_request".equals(event.type())) {
                arrived.add(System.nanoTime());
            }
        })) {
            long connectDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!stream.isConnected() && System.nanoTime() < connectDeadline) {
                Thread.sleep(10);
            }
            long[] latencies = new long[samples];
            int lost = 0;
            for (int i = 0; i < samples; i++) {
                LoginStarted started = pcNode.signIn()
                    .startLogin(login, DeviceInfo.builder("pc-" + login, DeviceType.PC, "Latency PC").build());
                long answered = System.nanoTime();
                Long at = arrived.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                latencies[i] = at == null ? Long.MAX_VALUE : Math.max(0, at - answered);
                lost += at == null ? 1 : 0;
                pcNode.signIn().cancelLogin(started);
                Thread.sleep(20);
            }
            java.util.Arrays.sort(latencies);
            System.out.printf(
                    "prompt from %s to a stream on %s: %d samples, %d lost, p50 %.2f ms, p99 %.2f ms, "
                            + "max %.2f ms%n",
                    bases.get(0), bases.get(bases.size() - 1), samples, lost, percentile(latencies, 50) / 1e6,
                    percentile(latencies, 99) / 1e6, latencies[samples - 1 - lost] / 1e6);
        }
    }

    private void run(int householdCount, int concurrency, int warmupSeconds, int seconds, Step step, String what,
            String unit) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
        System.out.printf("Setting up %d households (account + signed-in phone)...%n", householdCount);
        List<Household> households = new ArrayList<>();
        for (int i = 0; i < householdCount; i++) {
            households.add(household("load-" + run + "-" + i, i));
        }
        System.out.printf("Warming up for %d s...%n", warmupSeconds);
        drive(households, concurrency, warmupSeconds, run + "w", step);
        System.out.printf("Measuring for %d s with %d concurrent sign-ins...%n", seconds, concurrency);
        double cpuBefore = serviceCpuSeconds();
        Result result = drive(households, concurrency, seconds, run + "m", step);
        double cpuUsed = serviceCpuSeconds() - cpuBefore;
        long[] sorted = result.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: %d ok, %d failed in %d s = %.0f/s%n", what, result.ok.get(), result.failed.get(),
                seconds, result.ok.get() / (double) seconds);
        if (sorted.length > 0) {
            System.out.printf("latency of one (%s): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", unit,
                    percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
        }
        if (cpuBefore >= 0 && result.ok.get() > 0) {
            System.out.printf("service CPU: %.2f cores, %.2f ms per one (its process.cpu.time metric)%n",
                    cpuUsed / seconds, cpuUsed * 1000 / result.ok.get());
        }
    }

    record Result(AtomicLong ok, AtomicLong failed, ConcurrentLinkedQueue<Long> latencies) {
    }

    private Result drive(List<Household> households, int concurrency, int seconds, String tag, Step step)
            throws Exception {
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
                        if (step.run(household, "pc-" + tag + "-" + id + "-" + n++)) {
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
        double total = 0;
        for (String base : bases) {
            try {
                JsonNode metric = get(base, "/actuator/metrics/process.cpu.time", null);
                total += metric.path("measurements").path(0).path("value").asDouble() / 1e9;
            }
            catch (RuntimeException notExposed) {
                return -1;
            }
        }
        return total;
    }

    /**
     * One whole phone-approved sign-in; false if any step did not answer as a working
     * service would.
     */
    private boolean signIn(Household household, String pcId) {
        try {
            SignInClient pc = household.pcNode().signIn();
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

    /**
     * One CIBA sign-in in poll mode: the shop's back end asks, the phone approves with
     * the code the back end shows, the first poll collects the tokens.
     */
    private boolean cibaSignIn(Household household, String deviceId) {
        try {
            String base = household.pcBase();
            JsonNode asked = post(base, "/oauth2/bc-authorize", "login_hint=" + form(household.login())
                    + "&scope=openid&device_id=" + form(deviceId) + "&device_type=pc&device_name=Shop", 200);
            List<PendingApproval> pending = household.phone().pendingApprovals();
            household.phone().approve(pending.get(0).requestId(), asked.path("verification_code").asText());
            JsonNode tokens = post(base, "/oauth2/token", "grant_type=urn:openid:params:grant-type:ciba&auth_req_id="
                    + form(asked.path("auth_req_id").asText()), 200);
            return tokens.hasNonNull("id_token");
        }
        catch (RuntimeException failed) {
            return false;
        }
    }

    /** One {@code client_credentials} grant. */
    private boolean clientCredentials(Household household, String deviceId) {
        try {
            return post(household.pcBase(), "/oauth2/token", "grant_type=client_credentials", 200)
                .hasNonNull("access_token");
        }
        catch (RuntimeException failed) {
            return false;
        }
    }

    private JsonNode post(String base, String path, String form, int expected) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", client.basic())
            .POST(HttpRequest.BodyPublishers.ofString(form)), expected);
    }

    private static String form(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Household household(String login, int index) {
        OneKeyClient phoneNode = nodes.get(index % nodes.size());
        SignInClient signIn = phoneNode.signIn();
        signIn.register(login, "Load", PASSWORD);
        SignedIn phone = signIn.signInWithPassword(login, PASSWORD,
                DeviceInfo.builder("phone-" + login, DeviceType.PHONE, "Load test phone").build());
        int pc = (index + 1) % nodes.size();
        return new Household(login, phoneNode.signedIn(login, phone), nodes.get(pc), bases.get(pc));
    }

    private JsonNode get(String base, String path, String token) {
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
