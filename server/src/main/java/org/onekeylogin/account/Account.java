package org.onekeylogin.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account as the rest of the service sees it; the password hash never leaves this
 * feature. Its {@link Appearance} is how it is shown on shared screens.
 */
public record Account(String id, String loginName, @Nullable String phoneNumber, String displayName,
        AccountStatus status, MembershipTier tier, int userLevel, RiskProfile risk, Consents consents,
        Instant createdAt, Appearance appearance) {

    /** The avatar colour every screen shows for this account. */
    public String avatarColor() {
        return appearance.colorFor(id);
    }

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }
}
