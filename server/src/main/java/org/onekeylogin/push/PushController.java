package org.onekeylogin.push;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.push.internal.PushHub;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.token.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/push/stream}: the signed-in device's event stream. Send {@code Last-Event-ID} when
 * reconnecting to receive what was missed.
 */
@RestController
class PushController {

    private final PushHub hub;

    PushController(PushHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/v1/push/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Caller caller, @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        return hub.open(caller.deviceId(), caller.sessionId(), parse(lastEventId));
    }

    private static @Nullable Long parse(@Nullable String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("Last-Event-ID", "Last-Event-ID must be the id of an event received earlier.");
        }
    }
}
