package org.onekeylogin.account;

/**
 * How an account is named on a shared screen: enough for its owner to recognise it
 * ({@code sa****liu1}), not enough for a visitor to learn it.
 */
public final class MaskedName {

    private MaskedName() {
    }

    public static String of(String loginName) {
        int n = loginName.length();
        if (n >= 8) {
            return loginName.substring(0, 2) + "****" + loginName.substring(n - 4);
        }
        if (n >= 5) {
            return loginName.charAt(0) + "****" + loginName.substring(n - 2);
        }
        return loginName.charAt(0) + "****";
    }

}
