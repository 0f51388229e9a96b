package org.onekeylogin.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A server-sent-events client for tests: parses events as they arrive and hands them out
 * in order.
 */
public final class EventStream implements AutoCloseable {

    /** One event as the server sent it. */
    public record Event(String id, String name, String data) {

        public JsonNode json() {
            return Api.JSON.readTree(data);
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private final CompletableFuture<Integer> status = new CompletableFuture<>();

    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    private volatile InputStream body;

    private volatile boolean ended;

    private EventStream() {
    }

    static EventStream open(HttpClient http, HttpRequest request) {
        var stream = new EventStream();
        Thread.ofVirtual().start(() -> stream.read(http, request));
        return stream;
    }

    /**
     * Waits until the server has accepted the stream (its first comment) and returns the
     * HTTP status.
     */
    public int awaitOpen() {
        try {
            int code = status.get(10, TimeUnit.SECONDS);
            if (code == 200) {
                connected.get(10, TimeUnit.SECONDS);
            }
            return code;
        }
        catch (Exception e) {
            throw new IllegalStateException("The stream did not open", e);
        }
    }

    /** The next event, or null if none arrives within {@code timeout}. */
    public Event next(Duration timeout) {
        try {
            return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        }
        catch (Exception ignored) {
            // closing a stream the server already ended
        }
    }

    private void read(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            status.complete(response.statusCode());
            var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                }
                else if (line.startsWith(":")) {
                    connected.complete(null);
                }
                else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                }
                else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                }
                else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        }
        catch (Exception e) {
            status.complete(-1);
        }
        finally {
            ended = true;
            connected.complete(null);
        }
    }

    /** Waits up to {@code timeout} for the server to end the stream. */
    public boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ended;
    }

}
