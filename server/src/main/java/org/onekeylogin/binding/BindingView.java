package org.onekeylogin.binding;

import java.time.Instant;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.Binding;
import org.onekeylogin.account.MaskedName;

/**
 * One binding as a side of it sees it: its id (to remove it), the account on the other
 * side, and since when.
 */
record BindingView(String id, OtherAccount account, Instant since) {

    /**
     * The other side: its id (as in the session list), its masked login name and its
     * display name.
     */
    record OtherAccount(String id, String maskedName, String displayName) {

        static OtherAccount of(Account account) {
            return new OtherAccount(account.id(), MaskedName.of(account.loginName()), account.displayName());
        }

    }

    static BindingView of(Binding binding, Account other) {
        return new BindingView(binding.id(), OtherAccount.of(other), binding.createdAt());
    }

}
