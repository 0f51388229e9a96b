package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceProcess;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestDatabase;

/**
 * What the service answered as done survives {@code kill -9} on its default embedded
 * database: every device session whose tokens a client received, and every approval a
 * phone was told was approved. The service runs as a child process with its default
 * database URL, is killed with SIGKILL while sign-ins and approvals are in flight, and is
 * started again on the same data folder.
 *
 * <p>
 * H2 only: PostgreSQL's durability is PostgreSQL's, and this test starts the embedded
 * database the default configuration names.
 */
class CrashDurabilityTest {

    /**
     * The per-address limits the in-process tests raise (see ServiceTest), the
     * per-account ones this load hits, and bcrypt on two threads rather than half the
     * cores, so that the password sign-ins of the load use a small machine's both cores
     * and it reaches the kill sooner.
     */
    private static final String[] SERVICE_ARGS = { "--onekey.sign-in.password-attempts-per-ip-per-minute=100000",
            "--onekey.sign-in.password-failures-per-account=100000", "--onekey.registration.per-ip-per-hour=100000",
            "--onekey.approval.requests-per-ip-per-minute=100000", "--onekey.approval.max-requests-per-account=100000",
            "--onekey.approval.max-requests-per-requester=100000", "--onekey.approval.requester-burst=100000",
            "--onekey.sms.codes-per-ip-per-hour=100000", "--onekey.tokens.requests-per-client-and-ip-per-minute=100000",
            "--onekey.passwords.hashing-threads=2" };

    private static final int SIGN_IN_THREADS = 8;

    private static final int APPROVAL_THREADS = 6;

    /**
     * Enough answers that the killed process was busy committing, not idle; the kill
     * lands while every load thread waits for an answer, however many came before.
     */
    private static final int SESSIONS_BEFORE_KILL = 40;

    private static final int APPROVALS_BEFORE_KILL = 40;

    private static final Duration MOST_LOAD_BEFORE_KILL = Duration.ofSeconds(15);

    private final Queue<String> refreshTokens = new ConcurrentLinkedQueue<>();

    private final Queue<String> approvedRequests = new ConcurrentLinkedQueue<>();

    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean killed = new AtomicBoolean();

    @Test
    void whenTheServiceIsKilledDuringSignInsThenEverythingItAnsweredAsDoneSurvivesTheRestart() throws Exception {
        assumeFalse(TestDatabase.isPostgres(), "kills the embedded H2 database of the default configuration");
        Path run = Path.of("target", "crash-test", TestAccounts.unique("run")).toAbsolutePath();
        Path data = run.resolve("data");

        try (ServiceProcess service = ServiceProcess.start(data, run.resolve("before-kill.log"), SERVICE_ARGS)) {
            Api api = new Api(service.port());
            TestAccounts accounts = new TestAccounts(api);
            List<TestAccounts.Account> signingIn = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                signingIn.add(accounts.register("tv-owner"));
            }
            List<Phone> phones = new ArrayList<>();
            for (int i = 0; i < APPROVAL_THREADS; i++) {
                TestAccounts.Account owner = accounts.register("phone-owner");
                phones.add(new Phone(owner, accounts.signIn(owner, "phone", "Phone")));
            }

            ExecutorService load = Executors.newFixedThreadPool(SIGN_IN_THREADS + APPROVAL_THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < SIGN_IN_THREADS; i++) {
                TestAccounts.Account account = signingIn.get(i % signingIn.size());
                workers.add(load.submit(() -> signInUntilKilled(api, account)));
            }
            for (Phone phone : phones) {
                workers.add(load.submit(() -> approveUntilKilled(api, phone)));
            }
            try {
                long deadline = System.nanoTime() + MOST_LOAD_BEFORE_KILL.toNanos();
                while ((refreshTokens.size() < SESSIONS_BEFORE_KILL || approvedRequests.size() < APPROVALS_BEFORE_KILL)
                        && unexpected.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                killed.set(true);
                service.kill();
            }
            finally {
                killed.set(true);
                load.shutdown();
                assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).as("load threads stopped").isTrue();
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        assertThat(unexpected).as("answers other than success before the kill").isEmpty();
        assertThat(refreshTokens).as("sessions signed in before the kill").hasSizeGreaterThanOrEqualTo(10);
        assertThat(approvedRequests).as("approvals before the kill").hasSizeGreaterThanOrEqualTo(5);

        try (ServiceProcess restarted = ServiceProcess.start(data, run.resolve("after-restart.log"), SERVICE_ARGS)) {
            Api api = new Api(restarted.port());
            List<String> lostSessions = failing(List.copyOf(refreshTokens), refreshToken -> {
                Api.Response refreshed = api.form("/oauth2/token", Api.fields("grant_type", "refresh_token",
                        "client_id", "onekey-device", "refresh_token", refreshToken));
                return refreshed.status() == 200 && refreshed.field("refresh_token") != null;
            });
            List<String> lostApprovals = failing(List.copyOf(approvedRequests), authReqId -> {
                Api.Response collected = api.post("/api/v1/login-requests/session", Map.of("auth_req_id", authReqId),
                        null);
                return collected.status() == 200 && collected.at("/tokens/access_token") != null;
            });
            String lost = "lost %d of %d sessions whose tokens the client had, %d of %d approvals the phone was told of"
                .formatted(lostSessions.size(), refreshTokens.size(), lostApprovals.size(), approvedRequests.size());
            System.out.println(lost);
            assertThat(lostSessions.size()).as(lost).isZero();
            assertThat(lostApprovals.size()).as(lost).isZero();
        }
    }

    private record Phone(TestAccounts.Account owner, TestAccounts.Device device) {
    }

    /**
     * Password sign-ins of new devices, one after the other; keeps the refresh token of
     * each one answered.
     */
    private void signInUntilKilled(Api api, TestAccounts.Account account) {
        while (!killed.get()) {
            Api.Response signedIn;
            try {
                signedIn = api
                    .post("/api/v1/sign-in/password",
                            Map.of("login", account.loginName(), "password", TestAccounts.PASSWORD, "device",
                                    Map.of("id", TestAccounts.unique("tv"), "type", "tv", "name", "Living-room TV")),
                            null);
            }
            catch (IllegalStateException serviceGone) {
                noteUnlessKilled(serviceGone);
                return;
            }
            String refreshToken = signedIn.at("/tokens/refresh_token");
            if (signedIn.status() != 200 || refreshToken == null) {
                unexpected.add("sign-in: " + signedIn.status() + " " + signedIn.text());
                return;
            }
            refreshTokens.add(refreshToken);
        }
    }

    /**
     * A PC asks to sign in as the phone's account, the phone approves with the code;
     * keeps each approved request.
     */
    private void approveUntilKilled(Api api, Phone phone) {
        while (!killed.get()) {
            try {
                Api.Response started = api.post("/api/v1/login-requests", Map.of("login", phone.owner().loginName(),
                        "device", Map.of("id", TestAccounts.unique("pc"), "type", "pc", "name", "Windows PC")), null);
                if (started.status() != 201) {
                    unexpected.add("login request: " + started.status() + " " + started.text());
                    return;
                }
                Api.Response open = api.get("/api/v1/approvals", phone.device().accessToken());
                String requestId = open.at("/requests/0/request_id");
                if (open.status() != 200 || requestId == null) {
                    unexpected.add("open requests: " + open.status() + " " + open.text());
                    return;
                }
                Api.Response answered = api.post("/api/v1/approvals/" + requestId + "/approve",
                        Map.of("code", started.field("verification_code")), phone.device().accessToken());
                if (answered.status() != 200 || !"approved".equals(answered.field("status"))) {
                    unexpected.add("approve: " + answered.status() + " " + answered.text());
                    return;
                }
                approvedRequests.add(started.field("auth_req_id"));
            }
            catch (IllegalStateException serviceGone) {
                noteUnlessKilled(serviceGone);
                return;
            }
        }
    }

    private void noteUnlessKilled(IllegalStateException failure) {
        if (!killed.get()) {
            unexpected.add("request failed before the kill: " + failure.getCause());
        }
    }

    /** The items for which {@code check} fails, checked on a few threads. */
    private static List<String> failing(List<String> items, Predicate<String> check) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (String item : items) {
                results.add(threads.submit(() -> check.test(item)));
            }
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (!results.get(i).get()) {
                    failed.add(items.get(i));
                }
            }
            return failed;
        }
        finally {
            threads.shutdownNow();
        }
    }

}
