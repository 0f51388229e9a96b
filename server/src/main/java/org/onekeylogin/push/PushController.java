package org.onekeylogin.push;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.push.internal.PushHub;
import jakarta.servlet.http.HttpServletRequest;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/push/stream}: the signed-in device's event stream. Send
 * {@code Last-Event-ID} when reconnecting to receive what was missed, and
 * {@code OneKey-Network} to report the Wi-Fi the device is on.
 */
@RestController
class PushController {

    /**
     * Optional request header: the device's Wi-Fi, the same JSON object as the
     * {@code network} field elsewhere.
     */
    static final String NETWORK_HEADER = "OneKey-Network";

    private final PushHub hub;

    private final ApplicationEventPublisher events;

    PushController(PushHub hub, ApplicationEventPublisher events) {
        this.hub = hub;
        this.events = events;
    }

    @GetMapping(path = "/api/v1/push/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Caller caller,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            @RequestHeader(name = NETWORK_HEADER, required = false) @Nullable String network, HttpServletRequest http) {
        Long after = parse(lastEventId);
        events.publishEvent(new PushStreamOpened(caller, network, ClientAddress.of(http)));
        return hub.open(caller.deviceId(), caller.sessionId(), String.valueOf(ClientAddress.of(http)), after);
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
        }
        catch (NumberFormatException e) {
            throw ApiException.invalid("Last-Event-ID", "Last-Event-ID must be the id of an event received earlier.");
        }
    }

}
