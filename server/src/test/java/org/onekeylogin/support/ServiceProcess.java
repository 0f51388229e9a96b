package org.onekeylogin.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service as a separate JVM process, started the way an operator starts it (its main
 * class, the default configuration, only the data folder, the port and the limits a test
 * raises given on the command line), so that a test can kill it with SIGKILL and start it
 * again on the same data folder. An in-process Spring context cannot be killed that way:
 * the test's own JVM would die with it.
 *
 * <p>
 * The child runs on the JDK of the test and on the test's class path minus the test
 * classes, so what starts is the service's own code and configuration, without the test
 * clock or other test beans.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;

    private final int port;

    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service on a free port with its embedded database in {@code dataDir} and
     * waits until it reports itself ready. {@code extraArgs} are more Spring properties
     * ({@code --name=value}); the output goes to {@code log}.
     */
    public static ServiceProcess start(Path dataDir, Path log, String... extraArgs) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current()
                    .info()
                    .command()
                    .orElseThrow(() -> new IllegalStateException("The running JVM does not tell its own java command")),
                "-Xmx512m",
                // the client compiler only: starts in about half the time, and a test's
                // few seconds of load never
                // reach the code the optimising compiler would produce
                "-XX:TieredStopAtLevel=1", "-cp", serviceClassPath(), "org.onekeylogin.OneKeyApplication",
                "--server.port=" + port, "--onekey.data-dir=" + dataDir.toAbsolutePath()));
        command.addAll(Arrays.asList(extraArgs));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            ServiceProcess service = new ServiceProcess(process, port, log);
            try {
                service.awaitReady();
            }
            catch (RuntimeException | Error notReady) {
                service.close();
                throw notReady;
            }
            return service;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * SIGKILL: the process gets no chance to close the database, flush buffers or finish
     * requests.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The service did not die within 30 s of SIGKILL");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process if it still runs, so a failed test leaves no service behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest
            .newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The service exited with " + process.exitValue() + " before it was ready:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            }
            catch (IOException notListeningYet) {
                // still starting
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("The service was not ready within " + STARTUP_TIMEOUT + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException e) {
            return "(no output in " + log + ")";
        }
    }

    private static String serviceClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !Path.of(entry).endsWith("test-classes"))
            .reduce((a, b) -> a + File.pathSeparator + b)
            .orElseThrow();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
