package org.onekeylogin.recommendation;

import org.onekeylogin.approval.RequesterBlocks;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner allows an account to be recommended again in the network where it said "that
 * wasn't me".
 */
@RestController
class RecommendationController {

    private final DeviceSessionService sessions;

    private final NetworkEnvironments networks;

    private final RequesterBlocks blocks;

    RecommendationController(DeviceSessionService sessions, NetworkEnvironments networks, RequesterBlocks blocks) {
        this.sessions = sessions;
        this.networks = networks;
        this.blocks = blocks;
    }

    @PostMapping("/api/v1/sessions/{sessionId}/allow-recommendation")
    ResponseEntity<Void> allowAgain(@PathVariable String sessionId, Caller caller) {
        DeviceSession session = sessions.find(sessionId)
            .filter(s -> s.accountId().equals(caller.accountId()) && s.networkId() != null)
            .orElseThrow(() -> new ApiException(ErrorCode.SESSION_NOT_FOUND,
                    "There is no sign-in on a network with that id on your account."));
        networks.suppress(session.networkId(), session.accountId(), false);
        // the owner's word lifts what "that wasn't me" blocked on that network, so it is
        // recommended there again
        blocks.allowAgain(session.accountId(), session.networkId(), session.ipAddress());
        return ResponseEntity.noContent().build();
    }

}
