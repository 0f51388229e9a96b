package org.onekeylogin.approval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the client gets back: the secret handle it polls with ({@code auth_req_id}, never
 * shown to phones), the code to display, and timing.
 */
public record LoginStarted(@JsonProperty("auth_req_id") String authReqId,
        @JsonProperty("verification_code") String verificationCode, @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("interval") int interval, @JsonProperty("control_terminals") int controlTerminals) {
}
