package org.onekeylogin.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device's event stream ({@code GET /api/v1/push/stream}), kept open on a thread of
 * its own:
 * <ul>
 * <li>whenever the connection ends (the service's 30-minute limit, a node shutting down,
 * a network change, a newer stream of the same session) it reconnects after a
 * {@link Backoff} wait, sending {@code Last-Event-ID} so the service replays every event
 * it missed, in order, and none twice;</li>
 * <li>the service sends a heartbeat comment every 20 s: when nothing at all arrives for
 * {@link Options#heartbeatTimeout} (default 60 s) the connection is taken as dead (a
 * proxy or Wi-Fi that dropped it silently) and replaced;</li>
 * <li>a refused access token is refreshed once and the stream reopened; when the session
 * has ended (its own {@code signed_out} event, or the refresh is refused) it stops and
 * calls {@link PushListener#onSignedOut()}.</li>
 * </ul>
 * Close it when the app leaves the foreground.
 */
public final class PushStream implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Wire wire;

    private final TokenManager tokens;

    private final PushListener listener;

    private final Options options;

    private final ScheduledExecutorService watchdog;

    private final Thread thread;

    private volatile boolean closed;

    private volatile boolean signedOut;

    private volatile StreamResponse current;

    /** The connection the watchdog closed for silence. */
    private volatile StreamResponse timedOut;

    private volatile long lastActivity = System.nanoTime();

    private volatile boolean connected;

    private volatile Long lastEventId;

    private final AtomicInteger connections = new AtomicInteger();

    private PushStream(Wire wire, TokenManager tokens, PushListener listener, Options options) {
        this.wire = wire;
        this.tokens = tokens;
        this.listener = Objects.requireNonNull(listener);
        this.options = options;
        this.lastEventId = options.lastEventId;
        int n = THREADS.incrementAndGet();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "onekey-events-watchdog-" + n));
        this.thread = daemon(this::run, "onekey-events-" + n);
    }

    static PushStream start(Wire wire, TokenManager tokens, PushListener listener, Options options) {
        PushStream stream = new PushStream(wire, tokens, listener, options);
        long period = Math.max(10, options.heartbeatTimeout.toMillis() / 4);
        stream.watchdog.scheduleAtFixedRate(stream::checkHeartbeat, period, period, TimeUnit.MILLISECONDS);
        stream.thread.start();
        return stream;
    }

    /** Default options: heartbeat timeout 60 s, back-off 1 s doubling to 60 s. */
    public static Options options() {
        return new Options();
    }

    /**
     * The id of the last event delivered, or null; keep it to resume from after the app
     * restarts ({@link Options#lastEventId}).
     */
    public Long lastEventId() {
        return lastEventId;
    }

    /** Whether a connection is open now. */
    public boolean isConnected() {
        return connected;
    }

    /** How many times the stream has opened so far. */
    public int connections() {
        return connections.get();
    }

    /** Whether the stream stopped because the session ended. */
    public boolean isSignedOut() {
        return signedOut;
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        closeCurrent();
        thread.interrupt();
    }

    private void run() {
        int failures = 0;
        while (!closed && !signedOut) {
            Throwable cause = null;
            boolean opened = false;
            Duration atLeast = Duration.ZERO;
            try {
                opened = connectOnce();
            }
            catch (SignedOutException ended) {
                endSession();
                return;
            }
            catch (OneKeyException | IOException failed) {
                cause = failed;
                if (failed instanceof OneKeyException) {
                    atLeast = ((OneKeyException) failed).retryAfter().orElse(Duration.ZERO);
                }
            }
            catch (RuntimeException unexpected) {
                cause = unexpected;
            }
            finally {
                connected = false;
                current = null;
            }
            if (closed || signedOut) {
                return;
            }
            failures = opened ? 0 : failures + 1;
            Duration wait = options.backoff.delay(opened ? 0 : failures - 1);
            if (wait.compareTo(atLeast) < 0) {
                wait = atLeast;
            }
            listener.onDisconnected(cause, wait);
            if (!pause(wait)) {
                return;
            }
        }
    }

    /** One connection, until it ends; true if it opened. */
    private boolean connectOnce() throws IOException {
        Tokens used = tokens.current();
        StreamResponse response = wire.transport().openStream(request(used.accessToken()));
        // the silence of the wait before this connection is not this connection's
        lastActivity = System.nanoTime();
        current = response;
        if (closed) {
            closeCurrent();
            return false;
        }
        try {
            if (response.status() != 200) {
                OneKeyException refused = ErrorResponses.toException(response.status(), readSmall(response.body()),
                        response.header("Retry-After"));
                if (refused instanceof OneKeyApiException
                        && ((OneKeyApiException) refused).code() == ErrorCode.INVALID_TOKEN) {
                    tokens.refreshReplacing(used.accessToken());
                }
                throw refused;
            }
            lastActivity = System.nanoTime();
            Connection connection = new Connection();
            new SseReader(new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)))
                .readAll(connection);
            if (timedOut == response) {
                throw silence();
            }
            return connection.opened;
        }
        catch (IOException broken) {
            if (closed || signedOut) {
                return false;
            }
            if (timedOut == response) {
                throw silence();
            }
            throw broken;
        }
        finally {
            closeCurrent();
        }
    }

    private TransportRequest request(String accessToken) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        headers.put("Authorization", "Bearer " + accessToken);
        if (lastEventId != null) {
            headers.put("Last-Event-ID", Long.toString(lastEventId));
        }
        if (options.network != null) {
            headers.put("OneKey-Network", options.network.toHeaderValue());
        }
        return new TransportRequest("GET", wire.uri("/api/v1/push/stream"), headers, null, Duration.ofSeconds(30));
    }

    private OneKeyTransportException silence() {
        return new OneKeyTransportException(
                "Nothing arrived for " + options.heartbeatTimeout + ", not even a heartbeat", 0);
    }

    /** What one connection delivered. */
    private final class Connection implements SseReader.Sink {

        boolean opened;

        @Override
        public void comment(String text) {
            lastActivity = System.nanoTime();
            if (!opened) {
                opened = true;
                connected = true;
                connections.incrementAndGet();
                listener.onConnected();
            }
        }

        @Override
        public void event(String id, String type, String data) {
            lastActivity = System.nanoTime();
            long eventId = parse(id);
            if (lastEventId != null && eventId >= 0 && eventId <= lastEventId) {
                return;
            }
            PushEvent event = new PushEvent(eventId, type, data);
            listener.onEvent(event);
            if (eventId >= 0) {
                lastEventId = eventId;
            }
            if (PushEvent.SIGNED_OUT.equals(type) && isOwnSession(event.sessionId())) {
                endSession();
                closeCurrent();
            }
        }

    }

    private boolean isOwnSession(String sessionId) {
        try {
            return sessionId != null && sessionId.equals(tokens.stored().sessionId());
        }
        catch (SignedOutException alreadyGone) {
            return true;
        }
    }

    private void endSession() {
        if (!signedOut) {
            signedOut = true;
            tokens.forget();
            listener.onSignedOut();
        }
        watchdog.shutdownNow();
    }

    private void checkHeartbeat() {
        StreamResponse response = current;
        if (response != null && System.nanoTime() - lastActivity > options.heartbeatTimeout.toNanos()) {
            timedOut = response;
            closeCurrent();
        }
    }

    private void closeCurrent() {
        StreamResponse response = current;
        if (response != null) {
            try {
                response.close();
            }
            catch (IOException ignored) {
                // the connection is going away either way
            }
        }
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return !closed;
        }
        catch (InterruptedException e) {
            return false;
        }
    }

    private static long parse(String id) {
        if (id == null) {
            return -1;
        }
        try {
            return Long.parseLong(id.trim());
        }
        catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static String readSmall(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(16 * 1024);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** How the stream behaves; all optional. */
    public static final class Options {

        private Duration heartbeatTimeout = Duration.ofSeconds(60);

        private Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

        private Long lastEventId;

        private NetworkReport network;

        private Options() {
        }

        /**
         * Silence longer than this means a dead connection; keep it above the service's
         * heartbeat interval (20 s).
         */
        public Options heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Options backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff);
            return this;
        }

        /**
         * Resume after this event (kept from {@link PushStream#lastEventId()} earlier).
         */
        public Options lastEventId(Long lastEventId) {
            this.lastEventId = lastEventId;
            return this;
        }

        /** Report this Wi-Fi with every connection ({@code OneKey-Network}). */
        public Options network(NetworkReport network) {
            this.network = network;
            return this;
        }

    }

}
