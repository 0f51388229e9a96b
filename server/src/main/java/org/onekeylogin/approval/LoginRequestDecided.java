package org.onekeylogin.approval;

import org.jspecify.annotations.Nullable;

/** Published after a control terminal decided a request (CIBA ping mode listens). */
public record LoginRequestDecided(LoginRequest request, LoginRequestState outcome, @Nullable DenyReason reason) {
}
