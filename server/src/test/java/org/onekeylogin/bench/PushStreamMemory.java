package org.onekeylogin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one open event stream costs the service's heap and direct buffers (not a test: run
 * it by hand against a running service, see docs/BENCHMARKS.md). It signs in {@code N}
 * devices of one account, takes a class histogram of the service (which forces a full
 * collection first), opens one stream per session over plain sockets, takes another and
 * prints the difference per stream, largest classes first. The client runs in its own
 * process, so only the service's side of each connection is counted. JDK only, so it runs
 * as a source file: {@code java PushStreamMemory.java <base-url> <service-pid> <N>}.
 */
public final class PushStreamMemory {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PushStreamMemory() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        long pid = Long.parseLong(args[1]);
        int n = Integer.parseInt(args[2]);
        String mode = args.length > 3 ? args[3] : "streams";
        if (!mode.equals("streams")) {
            halfOpen(base, pid, n, mode.equals("partial"));
            return;
        }
        String login = "memory-" + System.currentTimeMillis();
        String password = "correct horse battery";
        post(base, "/api/v1/accounts",
                "{\"login_name\":\"" + login + "\",\"display_name\":\"M\",\"password\":\"" + password + "\"}");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n + 20; i++) {
            String answer = post(base, "/api/v1/sign-in/password", "{\"login\":\"" + login + "\",\"password\":\""
                    + password + "\",\"device\":{\"id\":\"tv-memory-" + i + "\",\"type\":\"tv\",\"name\":\"TV\"}}");
            Matcher token = ACCESS_TOKEN.matcher(answer);
            if (!token.find()) {
                throw new IllegalStateException("No token in " + answer);
            }
            tokens.add(token.group(1));
        }
        // warm-up: the first streams initialise caches the others share
        List<Socket> warmUp = new ArrayList<>();
        for (String token : tokens.subList(n, n + 20)) {
            warmUp.add(openStream(base, token));
        }
        for (Socket socket : warmUp) {
            socket.close();
        }
        Thread.sleep(2000);
        Map<String, long[]> before = histogram(pid);
        long directBefore = directBytes(base);
        List<Socket> streams = new ArrayList<>();
        for (String token : tokens.subList(0, n)) {
            streams.add(openStream(base, token));
        }
        print(n + " streams open", n, before, histogram(pid));
        printDirect(n, directBefore, directBytes(base));
        for (Socket socket : streams) {
            socket.close();
        }
    }

    /**
     * Connections that never complete a request; measured at once, before the connection
     * timeout drops them.
     */
    private static void halfOpen(URI base, long pid, int n, boolean partial) throws Exception {
        Map<String, long[]> before = histogram(pid);
        long directBefore = directBytes(base);
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var socket = new Socket(base.getHost(), base.getPort());
            if (partial) {
                socket.getOutputStream()
                    .write(("GET /api/v1/account HTTP/1.1\r\nHost: " + base.getHost() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            sockets.add(socket);
        }
        Thread.sleep(500);
        print(n + (partial ? " connections with an unfinished request" : " connections that sent nothing"), n, before,
                histogram(pid));
        printDirect(n, directBefore, directBytes(base));
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static void print(String what, int n, Map<String, long[]> before, Map<String, long[]> after) {
        long total = 0;
        List<Map.Entry<String, long[]>> growth = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] was = before.getOrDefault(entry.getKey(), new long[2]);
            long[] delta = { entry.getValue()[0] - was[0], entry.getValue()[1] - was[1] };
            total += delta[1];
            growth.add(Map.entry(entry.getKey(), delta));
        }
        growth.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
        System.out.printf("%s: heap +%,d bytes, %,d bytes each%n", what, total, total / n);
        for (Map.Entry<String, long[]> entry : growth.subList(0, Math.min(25, growth.size()))) {
            System.out.printf("  %,10d bytes  %6.1f objects  %s%n", entry.getValue()[1] / n,
                    entry.getValue()[0] / (double) n, entry.getKey());
        }
    }

    /** Opens the stream of the token's session and waits for its first comment. */
    private static Socket openStream(URI base, String token) throws IOException {
        var socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/push/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().contains(":connected")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("The stream closed: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("The stream was refused: " + head);
        }
        return socket;
    }

    private static void printDirect(int n, long before, long after) {
        System.out.printf("direct buffers (outside the heap): %+,d bytes, %,d bytes each%n", after - before,
                (after - before) / n);
    }

    /**
     * Bytes of the service's direct buffers (the web server's I/O buffers live there),
     * from its {@code jvm.buffer.memory.used} metric.
     */
    private static long directBytes(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/actuator/metrics/jvm.buffer.memory.used?tag=id:direct")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+]+)").matcher(response.body());
        if (response.statusCode() != 200 || !value.find()) {
            throw new IllegalStateException(
                    "No direct-buffer metric: " + response.statusCode() + " " + response.body());
        }
        return (long) Double.parseDouble(value.group(1));
    }

    /** Instances and bytes per class, after the full collection the histogram forces. */
    private static Map<String, long[]> histogram(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
            .start();
        String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        Map<String, long[]> classes = new HashMap<>();
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
        Matcher m = row.matcher(text);
        while (m.find()) {
            classes.merge(m.group(3), new long[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) },
                    (a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
        }
        return classes;
    }

    private static String post(URI base, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

}
