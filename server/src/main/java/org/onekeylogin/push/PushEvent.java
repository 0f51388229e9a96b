package org.onekeylogin.push;

import java.time.Instant;

/** One stored event of a device's push channel; {@code payload} is a JSON object. */
public record PushEvent(long id, String deviceId, String type, String payload, Instant createdAt) {
}
