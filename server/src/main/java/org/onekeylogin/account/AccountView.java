package org.onekeylogin.account;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The account as its owner sees it; {@code nickname} and {@code avatarColor} are how it
 * appears on its home network's screens.
 */
public record AccountView(String id, String loginName, @Nullable String phoneNumber, String displayName, String status,
        String membershipTier, int userLevel, Consents consents, @Nullable String nickname, String avatarColor) {

    public static AccountView of(Account a) {
        return new AccountView(a.id(), a.loginName(), a.phoneNumber(), a.displayName(),
                a.status().name().toLowerCase(Locale.ROOT), a.tier().name().toLowerCase(Locale.ROOT), a.userLevel(),
                a.consents(), a.appearance().nickname(), a.avatarColor());
    }
}
