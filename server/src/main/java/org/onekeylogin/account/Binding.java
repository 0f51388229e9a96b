package org.onekeylogin.account;

import java.time.Instant;

/**
 * One binding: the phones of {@code controllerAccountId} approve the sign-ins of
 * {@code accountId} (and may see and sign out its sessions) since {@code createdAt}.
 * Either side may remove it by its {@code id}.
 */
public record Binding(String id, String accountId, String controllerAccountId, Instant createdAt) {

    /** Whether {@code accountId} is one of the two sides of this binding. */
    public boolean involves(String someAccountId) {
        return accountId.equals(someAccountId) || controllerAccountId.equals(someAccountId);
    }

}
