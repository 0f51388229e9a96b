package org.onekeylogin.account;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The account as its owner sees it. */
public record AccountView(String id, String loginName, @Nullable String phoneNumber, String displayName, String status,
        String membershipTier, int userLevel, Consents consents) {

    public static AccountView of(Account a) {
        return new AccountView(a.id(), a.loginName(), a.phoneNumber(), a.displayName(),
                a.status().name().toLowerCase(Locale.ROOT), a.tier().name().toLowerCase(Locale.ROOT), a.userLevel(),
                a.consents());
    }
}
