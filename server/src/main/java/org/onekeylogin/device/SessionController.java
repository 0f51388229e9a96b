package org.onekeylogin.device;

import jakarta.servlet.http.HttpServletRequest;
import org.onekeylogin.system.ClientAddress;

import java.util.List;
import org.onekeylogin.system.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** "Signed-in devices": list the account's sessions and sign one out, remotely. */
@RestController
class SessionController {

    private final DeviceSessionService sessions;

    SessionController(DeviceSessionService sessions) {
        this.sessions = sessions;
    }

    record SessionList(List<SessionView> sessions) {
    }

    @GetMapping("/api/v1/sessions")
    SessionList list(Caller caller) {
        return new SessionList(sessions.manageableSessionsOf(caller.accountId())
            .stream()
            .map(s -> SessionView.of(s, caller.sessionId()))
            .toList());
    }

    /** Signs this device out. */
    @DeleteMapping("/api/v1/sessions/current")
    ResponseEntity<Void> signOutSelf(Caller caller, HttpServletRequest http) {
        sessions.signOut(caller.sessionId(), caller.accountId(), caller.sessionId(), ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }

    /**
     * "That wasn't me": signs the device out and tells the service the owner did not sign
     * it in, so that account is no longer recommended in that network until the owner
     * allows it again.
     */
    @org.springframework.web.bind.annotation.PostMapping("/api/v1/sessions/{sessionId}/not-me")
    ResponseEntity<Void> notMe(@PathVariable String sessionId, Caller caller, HttpServletRequest http) {
        sessions.signOut(sessionId, caller.accountId(), caller.sessionId(), ClientAddress.of(http), true);
        return ResponseEntity.noContent().build();
    }

    /**
     * Signs one of the account's devices out; its tokens stop working at once and it is
     * told on its push channel.
     */
    @DeleteMapping("/api/v1/sessions/{sessionId}")
    ResponseEntity<Void> signOut(@PathVariable String sessionId, Caller caller, HttpServletRequest http) {
        if (sessionId.length() > 64) {
            throw new org.onekeylogin.system.ApiException(org.onekeylogin.system.ErrorCode.SESSION_NOT_FOUND,
                    "There is no signed-in device with that id on your account.");
        }
        sessions.signOut(sessionId, caller.accountId(), caller.sessionId(), ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }

}
