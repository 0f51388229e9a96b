package org.onekeylogin.account;

/**
 * Signals that an account may be shared or stolen (the recommendation's filtering step):
 * a theft-risk index between 0 and 1, the number of people known to share it, and
 * sign-ins far from its usual places in the last 30 days.
 */
public record RiskProfile(double theftRiskIndex, int sharerCount, int offsiteSignIns) {

    public static final RiskProfile NONE = new RiskProfile(0, 0, 0);

    public RiskProfile {
        if (theftRiskIndex < 0 || theftRiskIndex > 1 || Double.isNaN(theftRiskIndex)) {
            throw new IllegalArgumentException("theftRiskIndex must be between 0 and 1");
        }
        if (sharerCount < 0 || offsiteSignIns < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /**
     * The risk after the owner said "that wasn't me": raised halfway towards certainty.
     */
    public RiskProfile raised() {
        return new RiskProfile(theftRiskIndex + (1 - theftRiskIndex) / 2, sharerCount, offsiteSignIns);
    }
}
