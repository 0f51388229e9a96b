package org.onekeylogin.token;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.Caller;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.token.internal.BrowserSignIn;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The last step of the hosted sign-in page: the page has just signed the person in
 * through one of the JSON API's flows (phone approval, QR code, password, SMS code) and
 * hands that fresh session over to the browser. The session ends (the page keeps no
 * tokens) and the browser gets the sign-in it brings back to the authorization endpoint
 * ({@link BrowserSignIn}), with how and when the person signed in; the web app's own
 * session opens when it exchanges the code.
 */
@RestController
class BrowserSignInController {

    /** How old a sign-in may be when it is handed over: the page does it at once. */
    static final Duration FRESH = Duration.ofMinutes(2);

    private final DeviceSessionService sessions;

    private final BrowserSignIn browsers;

    private final Clock clock;

    BrowserSignInController(DeviceSessionService sessions, BrowserSignIn browsers, Clock clock) {
        this.sessions = sessions;
        this.browsers = browsers;
        this.clock = clock;
    }

    @PostMapping("/api/v1/browser-sign-in")
    ResponseEntity<Void> signInBrowser(Caller caller, HttpServletRequest request, HttpServletResponse response) {
        DeviceSession session = sessions.find(caller.sessionId())
            .filter(DeviceSession::isActive)
            .orElseThrow(() -> new ApiException(ErrorCode.AUTHENTICATION_REQUIRED, "Sign in first."));
        if (session.createdAt().isBefore(clock.instant().minus(FRESH))) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "Only a sign-in made on the sign-in page just now can sign this browser in. Sign in again.");
        }
        sessions.signOut(session.id(), caller.accountId(), session.id(), ClientAddress.of(request));
        browsers.signIn(new BrowserSignIn.Facts(session.accountId(), session.method(), session.createdAt(),
                session.device().id(), session.device().os()), request, response);
        return ResponseEntity.noContent().build();
    }

}
