package org.onekeylogin.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audited event. {@code detail} is a short machine-readable reason (e.g.
 * {@code wrong_password}, {@code remote_sign_out}), never a secret.
 */
public record AuditEntry(AuditEventType type, Outcome outcome, @Nullable String accountId, @Nullable String deviceId,
        @Nullable String sessionId, @Nullable String actorSessionId, @Nullable String ipAddress,
        @Nullable String detail) {

    public enum Outcome {

        SUCCESS, FAILURE

    }

    public static AuditEntry success(AuditEventType type, @Nullable String accountId, @Nullable String deviceId,
            @Nullable String sessionId) {
        return new AuditEntry(type, Outcome.SUCCESS, accountId, deviceId, sessionId, null, null, null);
    }

    public AuditEntry withActor(@Nullable String actorSessionId) {
        return new AuditEntry(type, outcome, accountId, deviceId, sessionId, actorSessionId, ipAddress, detail);
    }

    public AuditEntry withIp(@Nullable String ip) {
        return new AuditEntry(type, outcome, accountId, deviceId, sessionId, actorSessionId, ip, detail);
    }

    public AuditEntry withDetail(@Nullable String why) {
        return new AuditEntry(type, outcome, accountId, deviceId, sessionId, actorSessionId, ipAddress, why);
    }

    /** An entry as read back, with its id and time. */
    public record Recorded(long id, Instant occurredAt, AuditEntry entry) {
    }
}
