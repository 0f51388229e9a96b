package org.onekeylogin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server of the test's own (the machine's {@code redis-server}), on a free
 * port, with nothing written to disk, so that a test can stop it and start it again on
 * the same port to play an outage.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;

    private final Path log;

    private Process process;

    private RedisServer(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    public static RedisServer start(Path log) {
        var server = new RedisServer(freePort(), log);
        server.start();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it (again) on its port and waits until it answers. */
    public void start() {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("redis-server is needed (apt-get install -y redis-server)", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (answersPing()) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    /** Stops it at once, as a crash would. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[7];
            int read = socket.getInputStream().read(answer);
            return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
