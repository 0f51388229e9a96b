package org.onekeylogin.account;

import java.util.Locale;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/v1/operator/accounts/{login}/standing}: what the platform's own systems
 * know about an account — status, membership tier, user level and risk — which its owner
 * cannot set.
 */
@RestController
class AccountOperatorController {

    private final AccountService accounts;

    AccountOperatorController(AccountService accounts) {
        this.accounts = accounts;
    }

    record StandingUpdate(String status, String membershipTier, Integer userLevel, Double theftRiskIndex,
            Integer sharerCount, Integer offsiteSignIns) {
        StandingUpdate {
            if (status == null || membershipTier == null || userLevel == null || theftRiskIndex == null
                    || sharerCount == null || offsiteSignIns == null) {
                throw ApiException.invalid("standing", "Send status, membership_tier, user_level, theft_risk_index, "
                        + "sharer_count and offsite_sign_ins.");
            }
        }

        AccountStanding toStanding() {
            try {
                return new AccountStanding(AccountStatus.valueOf(status.toUpperCase(Locale.ROOT)),
                        MembershipTier.valueOf(membershipTier.toUpperCase(Locale.ROOT)), userLevel,
                        new RiskProfile(theftRiskIndex, sharerCount, offsiteSignIns));
            }
            catch (IllegalArgumentException e) {
                throw ApiException.invalid("standing", "status is active, expired or suspended; membership_tier is "
                        + "free, vip or svip; user_level 0 to 100; theft_risk_index 0 to 1; counts not negative.");
            }
        }
    }

    @PutMapping("/api/v1/operator/accounts/{login}/standing")
    AccountView standing(@PathVariable String login, @RequestBody StandingUpdate update) {
        Account account = accounts.findByIdentifier(login)
            .orElseThrow(() -> new ApiException(ErrorCode.ACCOUNT_NOT_FOUND, "No account with that name."));
        return AccountView.of(accounts.updateStanding(account.id(), update.toStanding()));
    }

}
