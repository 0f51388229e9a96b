package org.onekeylogin.push;

/**
 * What nodes tell each other over the {@link EventBus}. Small on purpose: the data itself
 * is in the database.
 */
public sealed interface BusMessage {

    /**
     * New events were stored for this device; whoever holds its stream should send them.
     */
    record DeviceEventsAvailable(String deviceId) implements BusMessage {
    }

    /**
     * Something a client may be waiting on changed (a login request, for example);
     * whoever waits on {@code key} should read it again. The feature that owns the thing
     * chooses its keys.
     */
    record Signal(String key) implements BusMessage {
    }

    /**
     * This session ended; whoever holds its stream should send what is left and close it.
     */
    record SessionEnded(String sessionId) implements BusMessage {
    }

    /**
     * Messages may have been missed (the bus between nodes is down, or has just come
     * back): whoever waits on anything should read the database again. Only a node's own
     * bus sends it, to its own listeners.
     */
    record Resync() implements BusMessage {
    }

}
