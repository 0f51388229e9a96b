package org.onekeylogin.account;

/** Only {@link #ACTIVE} accounts can sign in or be recommended. */
public enum AccountStatus {

    ACTIVE, EXPIRED, SUSPENDED

}
