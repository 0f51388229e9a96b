package org.onekeylogin.push;

/** What nodes tell each other over the {@link EventBus}. Small on purpose: the data itself is in the database. */
public sealed interface BusMessage {

    /** New events were stored for this device; whoever holds its stream should send them. */
    record DeviceEventsAvailable(String deviceId) implements BusMessage {
    }

    /** A login request changed state; clients waiting on it should look again. */
    record LoginRequestChanged(String requestId) implements BusMessage {
    }

    /** This session ended; whoever holds its stream should send what is left and close it. */
    record SessionEnded(String sessionId) implements BusMessage {
    }
}
