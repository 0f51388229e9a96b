package org.onekeylogin.push;

import java.util.List;
import java.util.Map;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications} (the signed-in account's kept notices, newest first)
 * and {@code POST /api/v1/notifications/{id}/read}.
 */
@RestController
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/notifications")
    Map<String, List<Notifications.View>> list(Caller caller) {
        return Map.of("notifications", notifications.of(caller.accountId()));
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    ResponseEntity<Void> read(@PathVariable String id, Caller caller) {
        long parsed;
        try {
            parsed = Long.parseLong(id);
        }
        catch (NumberFormatException ex) {
            throw new ApiException(org.onekeylogin.system.ErrorCode.NOT_FOUND,
                    "There is no notification with that id on your account.");
        }
        notifications.markRead(caller.accountId(), parsed);
        return ResponseEntity.noContent().build();
    }

}
