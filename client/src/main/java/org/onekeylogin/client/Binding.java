package org.onekeylogin.client;

import java.time.Instant;

/**
 * One binding of the caller's account to another: either an account the caller's phones
 * control (e.g. a child's) or one that controls the caller's. Read from
 * {@link SessionClient#bindings()}; unknown fields are ignored.
 */
public final class Binding {

    private String id;

    private OtherAccount account;

    private String since;

    private Binding() {
    }

    /** The binding's id, for {@link SessionClient#unbind(String)}. */
    public String id() {
        return id;
    }

    /** The account on the other side of the binding. */
    public OtherAccount account() {
        return account;
    }

    /** When the binding was made. */
    public Instant since() {
        return since == null ? null : Instant.parse(since);
    }

    /** The other side of a binding, as the service shows it. */
    public static final class OtherAccount {

        private String id;

        private String maskedName;

        private String displayName;

        private OtherAccount() {
        }

        public String id() {
            return id;
        }

        public String maskedName() {
            return maskedName;
        }

        public String displayName() {
            return displayName;
        }

    }

}
