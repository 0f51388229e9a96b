package org.onekeylogin.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account as the rest of the service sees it; the password hash never leaves this
 * feature.
 */
public record Account(String id, String loginName, @Nullable String phoneNumber, String displayName,
        AccountStatus status, MembershipTier tier, int userLevel, RiskProfile risk, Consents consents,
        Instant createdAt) {

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }
}
