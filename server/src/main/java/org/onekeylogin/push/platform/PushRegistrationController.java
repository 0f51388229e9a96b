package org.onekeylogin.push.platform;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.Caller;
import org.onekeylogin.system.ErrorCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/push/registration}: the signed-in session's address at its platform's
 * push service, so a sign-in waiting for approval wakes the app when it is not running.
 */
@RestController
class PushRegistrationController {

    private final PlatformPushes pushes;

    PushRegistrationController(PlatformPushes pushes) {
        this.pushes = pushes;
    }

    record RegistrationRequest(@Nullable String platform, @Nullable String token) {

        PushAddress address() {
            if (platform == null || platform.isBlank()) {
                throw ApiException.invalid("platform", "Name the push platform: 'fcm' or 'apns'.");
            }
            if (token == null || token.isBlank()) {
                throw ApiException.invalid("token", "Send the device's token at its push platform.");
            }
            return new PushAddress(PushPlatform.fromWire(platform), token.strip());
        }

    }

    /**
     * What a session registered; {@code delivered}: whether this service pushes to that
     * platform (when false, only the event stream carries events).
     */
    record RegistrationView(PushPlatform platform, Instant registeredAt, boolean delivered) {
    }

    /** Sets or replaces the session's push address. */
    @PutMapping("/api/v1/push/registration")
    RegistrationView register(@RequestBody RegistrationRequest request, Caller caller) {
        var registered = pushes.register(caller.sessionId(), request.address());
        return view(registered);
    }

    @GetMapping("/api/v1/push/registration")
    RegistrationView registration(Caller caller) {
        return pushes.registration(caller.sessionId())
            .map(this::view)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "This session has no push registration."));
    }

    /** Forgets the session's push address; the event stream keeps working. */
    @DeleteMapping("/api/v1/push/registration")
    ResponseEntity<Void> unregister(Caller caller) {
        pushes.unregister(caller.sessionId());
        return ResponseEntity.noContent().build();
    }

    private RegistrationView view(PushRegistrations.Registered registered) {
        return new RegistrationView(registered.address().platform(), registered.registeredAt(),
                pushes.serves(registered.address().platform()));
    }

}
