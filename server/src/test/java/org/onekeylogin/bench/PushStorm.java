package org.onekeylogin.bench;

import java.io.BufferedInputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast a sign-out reaches the device's open event stream while many devices are
 * signed out at once (not a test: run it by hand against a running service, see
 * docs/BENCHMARKS.md). It signs in {@code N} TVs, opens one event stream per session over
 * a plain socket, then signs the TVs out ({@code DELETE /api/v1/sessions/current}) at
 * {@code R} per second and measures, for each, the time from sending the sign-out to the
 * {@code signed_out} event on its stream. JDK only, so it runs as a source file:
 * {@code java PushStorm.java <base-url> <N> <R>}.
 */
public final class PushStorm {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final int DEVICES_PER_ACCOUNT = 20;

    private PushStorm() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        // two accounts at a time: the password checks keep both cores busy
        String[] signedIn = new String[n];
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> accounts = new ArrayList<>();
            for (int first = 0; first < n; first += DEVICES_PER_ACCOUNT) {
                int from = first;
                accounts.add(pool.submit(() -> {
                    signInAccount(base, run, from, Math.min(n, from + DEVICES_PER_ACCOUNT), signedIn);
                    return null;
                }));
            }
            for (Future<?> account : accounts) {
                account.get();
            }
        }
        List<String> tokens = List.of(signedIn);
        System.out.printf("%d TVs signed in; opening their streams%n", n);
        long[] signedOutAt = new long[n];
        long[] sentAt = new long[n];
        long[] answeredAt = new long[n];
        var arrived = new CountDownLatch(n);
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket socket = new Socket(base.getHost(), base.getPort());
            sockets.add(socket);
            InputStream in = openStream(base, socket, tokens.get(i));
            int index = i;
            Thread.ofVirtual().start(() -> awaitSignedOut(in, index, signedOutAt, arrived));
        }
        Thread.sleep(1000);
        System.out.printf("%d streams open; signing out %d per second%n", n, rate);
        long start = System.nanoTime();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            sentAt[i] = System.nanoTime();
            answers.add(HTTP.sendAsync(request(base, "DELETE", "/api/v1/sessions/current", null, tokens.get(i)),
                    HttpResponse.BodyHandlers.discarding())
                .thenAccept(response -> {
                    answeredAt[index] = System.nanoTime();
                    if (response.statusCode() != 204 && response.statusCode() != 200) {
                        System.out.println("sign-out answered " + response.statusCode());
                    }
                }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        boolean all = arrived.await(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d sign-outs sent in %.1f s; %s%n", n, seconds,
                all ? "every signed_out arrived" : arrived.getCount() + " never arrived");
        print("sign-out answered", sentAt, answeredAt);
        print("signed_out on the stream", sentAt, signedOutAt);
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** Registers one account and signs in its TVs {@code from} to {@code to}. */
    private static void signInAccount(URI base, String run, int from, int to, String[] tokens)
            throws IOException, InterruptedException {
        String password = "correct horse battery";
        String login = "storm-" + run + "-" + (from / DEVICES_PER_ACCOUNT);
        send(base, "POST", "/api/v1/accounts",
                "{\"login_name\":\"" + login + "\",\"display_name\":\"S\",\"password\":\"" + password + "\"}", null);
        for (int i = from; i < to; i++) {
            String answer = send(base, "POST", "/api/v1/sign-in/password",
                    "{\"login\":\"" + login + "\",\"password\":\"" + password + "\",\"device\":{\"id\":\"tv-storm-"
                            + run + "-" + i + "\",\"type\":\"tv\",\"name\":\"TV\"}}",
                    null)
                .body();
            Matcher token = ACCESS_TOKEN.matcher(answer);
            if (!token.find()) {
                throw new IllegalStateException("No token in " + answer);
            }
            tokens[i] = token.group(1);
        }
    }

    private static void print(String what, long[] from, long[] to) {
        double[] ms = new double[from.length];
        int count = 0;
        for (int i = 0; i < from.length; i++) {
            if (to[i] != 0) {
                ms[count++] = (to[i] - from[i]) / 1e6;
            }
        }
        double[] sorted = Arrays.copyOf(ms, count);
        Arrays.sort(sorted);
        if (count == 0) {
            System.out.println(what + ": none");
            return;
        }
        System.out.printf("%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d)%n", what, sorted[count / 2],
                sorted[(int) (count * 0.9)], sorted[Math.min(count - 1, (int) (count * 0.99))], sorted[count - 1],
                count);
    }

    /**
     * Reads the stream until its {@code signed_out} event, and notes when it came. It
     * reads what has arrived in one call, not byte by byte, so that the 2,000 readers
     * take little of the cores the service runs on.
     */
    private static void awaitSignedOut(InputStream in, int index, long[] signedOutAt, CountDownLatch arrived) {
        String marker = "event:signed_out";
        try {
            var window = new StringBuilder();
            byte[] chunk = new byte[2048];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                window.append(new String(chunk, 0, read, StandardCharsets.ISO_8859_1));
                if (window.indexOf(marker) >= 0) {
                    signedOutAt[index] = System.nanoTime();
                    arrived.countDown();
                    return;
                }
                window.delete(0, Math.max(0, window.length() - marker.length()));
            }
        }
        catch (IOException closed) {
            // the program closes the sockets at its end
        }
    }

    /**
     * Opens the stream of the token's session on {@code socket} and waits for its first
     * comment; answers the stream to read on.
     */
    private static InputStream openStream(URI base, Socket socket, String token) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/push/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
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
        return in;
    }

    private static HttpRequest request(URI base, String method, String path, String body, String token) {
        var builder = HttpRequest.newBuilder(base.resolve(path))
            .method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static HttpResponse<String> send(URI base, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(base, method, path, body, token),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

}
