package org.onekeylogin.push;

import org.jspecify.annotations.Nullable;

/**
 * How bus messages travel between nodes: one short line, a letter for the kind and the
 * key after a bar. A node ignores a line it does not understand, so nodes of different
 * versions can share one bus during a rolling upgrade.
 */
final class BusWire {

    private BusWire() {
    }

    /** The line for a message, or null for one that never leaves the node. */
    static @Nullable String encode(BusMessage message) {
        return switch (message) {
            case BusMessage.DeviceEventsAvailable(String deviceId) -> "D|" + deviceId;
            case BusMessage.Signal(String key) -> "S|" + key;
            case BusMessage.SessionEnded(String sessionId) -> "E|" + sessionId;
            case BusMessage.Resync() -> null;
        };
    }

    static @Nullable BusMessage decode(String line) {
        if (line.length() < 3 || line.charAt(1) != '|') {
            return null;
        }
        String key = line.substring(2);
        return switch (line.charAt(0)) {
            case 'D' -> new BusMessage.DeviceEventsAvailable(key);
            case 'S' -> new BusMessage.Signal(key);
            case 'E' -> new BusMessage.SessionEnded(key);
            default -> null;
        };
    }

    static String heartbeat(String node) {
        return "H|" + node;
    }

}
