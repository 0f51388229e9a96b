package org.onekeylogin.audit;

/** What happened. Stored by name, so add new values at will but never rename one. */
public enum AuditEventType {

    ACCOUNT_REGISTERED, SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, LOGIN_REQUESTED, LOGIN_APPROVED, LOGIN_DENIED, LOGIN_REFUSED,
    LOGIN_EXPIRED, LOGIN_CANCELLED, BINDING_CREATED, BINDING_REMOVED, BINDING_REFUSED

}
