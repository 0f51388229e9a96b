package org.onekeylogin.account;

/**
 * What an operator (or the demo household) sets about an account beyond what its owner
 * registers.
 */
public record AccountStanding(AccountStatus status, MembershipTier tier, int userLevel, RiskProfile risk) {

    public AccountStanding {
        if (userLevel < 0 || userLevel > 100) {
            throw new IllegalArgumentException("userLevel must be between 0 and 100");
        }
    }
}
