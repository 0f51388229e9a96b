package org.onekeylogin.push.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.onekeylogin.push.PushEvent;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open event stream of one device session; it carries the events addressed to that
 * session only. Sends are serialised by a lock and always read from the store after the
 * last id sent, so events arrive once, in order, whichever thread triggers the send.
 */
final class PushStream {

    private static final int BATCH = 100;

    private static final String SIGNED_OUT = "signed_out";

    private final SseEmitter emitter;

    private final String deviceId;

    private final String sessionId;

    private final Instant notBefore;

    private final ReentrantLock lock = new ReentrantLock();

    private long lastSentId;

    private volatile boolean closed;

    private final String address;

    private final AtomicBoolean counted = new AtomicBoolean(true);

    private static final AtomicLong OPENED = new AtomicLong();

    private final long openedAt = OPENED.incrementAndGet();

    PushStream(SseEmitter emitter, String deviceId, String sessionId, String address, long lastSentId,
            Instant notBefore) {
        this.emitter = emitter;
        this.deviceId = deviceId;
        this.sessionId = sessionId;
        this.address = address;
        this.lastSentId = lastSentId;
        this.notBefore = notBefore;
    }

    String deviceId() {
        return deviceId;
    }

    String sessionId() {
        return sessionId;
    }

    /** The order in which this node's streams were opened. */
    long openedAt() {
        return openedAt;
    }

    String address() {
        return address;
    }

    /**
     * True the first time only: a stream leaves its address's count once, however it
     * ends.
     */
    boolean uncount() {
        return counted.getAndSet(false);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Sends every stored event after the last one sent; false when the connection is
     * gone.
     */
    boolean drain(PushEventStore store) {
        lock.lock();
        try {
            while (!closed) {
                List<PushEvent> events = store.after(sessionId, lastSentId, notBefore, BATCH);
                for (PushEvent e : events) {
                    emitter.send(SseEmitter.event()
                        .id(Long.toString(e.id()))
                        .name(e.type())
                        .data(e.payload(), MediaType.APPLICATION_JSON));
                    lastSentId = e.id();
                    if (SIGNED_OUT.equals(e.type())) {
                        // the session is over: nothing more will be addressed to it, and
                        // a stream held by a node that missed the bus's word closes too
                        close();
                        return true;
                    }
                }
                if (events.size() < BATCH) {
                    return true;
                }
            }
            return false;
        }
        catch (IOException | IllegalStateException gone) {
            close();
            return false;
        }
        finally {
            lock.unlock();
        }
    }

    boolean comment(String text) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            emitter.send(SseEmitter.event().comment(text));
            return true;
        }
        catch (IOException | IllegalStateException gone) {
            close();
            return false;
        }
        finally {
            lock.unlock();
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            try {
                emitter.complete();
            }
            catch (IllegalStateException alreadyDone) {
                // the container already finished the response
            }
        }
    }

    void markClosed() {
        closed = true;
    }

}
