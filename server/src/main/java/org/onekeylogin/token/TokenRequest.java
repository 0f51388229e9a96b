package org.onekeylogin.token;

import java.util.Set;
import org.onekeylogin.device.DeviceSession;

/** Tokens for a device session that a sign-in flow has just opened. */
public record TokenRequest(DeviceSession session, Set<String> scopes) {

    public TokenRequest {
        scopes = Set.copyOf(scopes);
    }
}
