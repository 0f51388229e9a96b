package org.onekeylogin.push.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.push.BusMessage;
import org.onekeylogin.push.EventBus;
import org.onekeylogin.push.PushProperties;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams open on this node, fed by the bus and kept alive by heartbeats. On
 * shutdown it ends every stream first (clients reconnect with Last-Event-ID, to another
 * node if there is one), so graceful shutdown does not wait on connections that never
 * finish by themselves.
 */
@Component
public class PushHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushHub.class);

    private final PushEventStore store;

    private final PushProperties properties;

    private final Clock clock;

    private final Map<String, Set<PushStream>> byDevice = new ConcurrentHashMap<>();

    /**
     * The same streams by session, so a session's end finds its streams without a scan.
     */
    private final Map<String, Set<PushStream>> bySession = new ConcurrentHashMap<>();

    /**
     * Open streams per caller address on this node, so one address cannot hold the node's
     * connections.
     */
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

    private volatile boolean running;

    PushHub(PushEventStore store, EventBus bus, PushProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        bus.subscribe(this::on);
    }

    /**
     * Opens a stream for a device session: replays events after {@code lastEventId}, or
     * the recent ones when the client sends none, then keeps sending as events arrive.
     */
    public SseEmitter open(String deviceId, String sessionId, String address, @Nullable Long lastEventId) {
        countFrom(address);
        var emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Instant notBefore = lastEventId == null ? clock.instant().minus(properties.freshConnectionReplay())
                : Instant.EPOCH;
        var stream = new PushStream(emitter, deviceId, sessionId, address, lastEventId == null ? 0 : lastEventId,
                notBefore);
        emitter.onCompletion(() -> remove(stream));
        emitter.onTimeout(() -> remove(stream));
        emitter.onError(e -> remove(stream));
        byDevice.computeIfAbsent(deviceId, d -> ConcurrentHashMap.newKeySet()).add(stream);
        bySession.computeIfAbsent(sessionId, d -> ConcurrentHashMap.newKeySet()).add(stream);
        closeOldestBeyondLimit(sessionId);
        stream.comment("connected");
        stream.drain(store);
        log.debug("Push stream opened");
        return emitter;
    }

    private void on(BusMessage message) {
        switch (message) {
            case BusMessage.DeviceEventsAvailable(String deviceId) -> {
                for (PushStream stream : byDevice.getOrDefault(deviceId, Set.of())) {
                    stream.drain(store);
                }
            }
            case BusMessage.Signal ignored -> {
            }
            // messages between nodes may have been missed: every stream reads what was
            // stored for it (a signed_out among it closes the stream)
            case BusMessage.Resync ignored ->
                byDevice.values().forEach(streams -> streams.forEach(s -> s.drain(store)));
            case BusMessage.SessionEnded(String sessionId) -> {
                for (PushStream stream : bySession.getOrDefault(sessionId, Set.of())) {
                    stream.drain(store);
                    stream.close();
                }
            }
        }
    }

    @Scheduled(fixedDelayString = "${onekey.push.heartbeat-interval:PT20S}")
    void heartbeat() {
        byDevice.values().forEach(streams -> streams.forEach(stream -> stream.comment("heartbeat")));
    }

    @Scheduled(fixedDelayString = "PT10M")
    @SchedulerLock(name = "push-events-cleanup", lockAtLeastFor = "PT5M")
    void deleteExpiredEvents() {
        int deleted = store.deleteOlderThan(clock.instant().minus(properties.retention()));
        if (deleted > 0) {
            log.info("Deleted {} push events older than {}", deleted, properties.retention());
        }
    }

    /** How many streams this node holds now (a gauge for metrics). */
    public int openStreams() {
        return byDevice.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        byDevice.values().forEach(streams -> streams.forEach(PushStream::close));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Counts a new stream from {@code address}; refuses it beyond
     * {@code onekey.push.max-streams-per-address}. The count is this node's own, as are
     * the connections it protects.
     */
    private void countFrom(String address) {
        boolean[] refused = { false };
        byAddress.compute(address, (key, open) -> {
            int count = open == null ? 0 : open;
            if (count >= properties.maxStreamsPerAddress()) {
                refused[0] = true;
                return open;
            }
            return count + 1;
        });
        if (refused[0]) {
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS,
                    "Too many event streams are open from this address. " + "Close one, or reconnect later.",
                    Map.of("retry_after_seconds", 30));
        }
    }

    /**
     * A session keeps at most {@code onekey.push.max-streams-per-session} streams: an app
     * that reconnects before the server noticed its old connection is gone gets the new
     * one, and the oldest are closed.
     */
    private void closeOldestBeyondLimit(String sessionId) {
        List<PushStream> ofSession = bySession.getOrDefault(sessionId, Set.of())
            .stream()
            .filter(s -> !s.isClosed())
            .sorted(Comparator.comparingLong(PushStream::openedAt))
            .toList();
        for (int i = 0; i < ofSession.size() - properties.maxStreamsPerSession(); i++) {
            ofSession.get(i).close();
            remove(ofSession.get(i));
        }
    }

    private void remove(PushStream stream) {
        stream.markClosed();
        if (stream.uncount()) {
            byAddress.computeIfPresent(stream.address(), (key, open) -> open <= 1 ? null : open - 1);
        }
        byDevice.computeIfPresent(stream.deviceId(), (d, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        bySession.computeIfPresent(stream.sessionId(), (d, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

}
