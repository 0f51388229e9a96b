package org.onekeylogin.push;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.push.internal.NotificationStore;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An account's notices that must outlive the push channel's short replay ("signed in on
 * Living-room TV — that wasn't me?", a binding made or removed): kept per account for
 * {@code onekey.push.notification-retention} (at least seven days), listed newest first
 * over {@code GET /api/v1/notifications} and marked read by the app. A feature records
 * one in the transaction of the event that causes it, before publishing the push events,
 * so both or neither are stored; the push payload then carries its
 * {@code notification_id}.
 */
@Service
public class Notifications {

    /** The most a list answer holds. */
    static final int LIST_LIMIT = 50;

    private final NotificationStore store;

    private final JsonMapper json;

    private final PushProperties properties;

    private final Clock clock;

    public Notifications(NotificationStore store, JsonMapper json, PushProperties properties, Clock clock) {
        this.store = store;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** A notification as the app lists it; {@code data} is the event's payload. */
    public record View(long id, String type, JsonNode data, Instant createdAt, boolean read, @Nullable Instant readAt) {
    }

    /**
     * Keeps a notification of {@code type} for the account; returns its id, for the push
     * payload.
     */
    public long record(String accountId, String type, Object payload) {
        return store.append(accountId, type, json.writeValueAsString(payload), clock.instant());
    }

    public List<View> of(String accountId) {
        Instant now = clock.instant();
        return store.newest(accountId, now.minus(properties.notificationRetention()), LIST_LIMIT)
            .stream()
            .map(s -> new View(s.id(), s.type(), json.readTree(s.payload()), s.createdAt(), s.readAt() != null,
                    s.readAt()))
            .toList();
    }

    public void markRead(String accountId, long id) {
        if (!store.markRead(accountId, id, clock.instant())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "There is no notification with that id on your account.");
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = "notifications-cleanup", lockAtLeastFor = "PT5M")
    void deleteExpired() {
        store.deleteOlderThan(clock.instant().minus(properties.notificationRetention()));
    }

}
