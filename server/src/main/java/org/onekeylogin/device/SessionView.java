package org.onekeylogin.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A session as the account owner sees it in "signed-in devices" (including the sessions
 * of accounts it controls, told apart by {@code accountId}).
 */
public record SessionView(String id, String accountId, DeviceView device, SignInMethod method,
        @Nullable String networkLabel, @Nullable String ipAddress, Instant signedInAt, Instant lastSeenAt,
        boolean thisDevice) {

    public record DeviceView(String id, DeviceType type, ScreenClass screenClass, String name, @Nullable String model,
            @Nullable String os, @Nullable String appVersion) {
    }

    public static SessionView of(DeviceSession s, String callerSessionId) {
        DeviceDescription d = s.device();
        return new SessionView(s.id(), s.accountId(),
                new DeviceView(d.id(), d.type(), d.screenClass(), d.name(), d.model(), d.os(), d.appVersion()),
                s.method(), s.networkLabel(), s.ipAddress(), s.createdAt(), s.lastSeenAt(),
                s.id().equals(callerSessionId));
    }
}
