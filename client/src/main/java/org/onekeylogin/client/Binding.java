package org.onekeylogin.client;

import java.time.Instant;

/**
 * An account bound to the caller's (e.g. a child's), whose sign-ins the caller's phones
 * approve. Read from {@code GET /api/v1/account/bindings}, which needs a service that
 * serves it (see {@link SessionClient#bindings()}); unknown fields are ignored.
 */
public final class Binding {

    private String id;

    private String accountId;

    private String loginName;

    private String displayName;

    private String createdAt;

    private Binding() {
    }

    /** The binding's id, for {@link SessionClient#unbind(String)}. */
    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public String loginName() {
        return loginName;
    }

    public String displayName() {
        return displayName;
    }

    public Instant createdAt() {
        return createdAt == null ? null : Instant.parse(createdAt);
    }

}
