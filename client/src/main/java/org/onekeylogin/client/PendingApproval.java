package org.onekeylogin.client;

import java.time.Instant;

/**
 * A sign-in request waiting on this phone: whose account, which device asks, from where.
 * The code is never sent to the phone: the person types what the other screen shows.
 */
public final class PendingApproval {

    private String requestId;

    private AccountRef account;

    private Requester requester;

    private String requestedAt;

    private String expiresAt;

    private Boolean sameNetwork;

    private String bindingMessage;

    private int codeLength;

    private PendingApproval() {
    }

    public String requestId() {
        return requestId;
    }

    public AccountRef account() {
        return account;
    }

    public Requester requester() {
        return requester;
    }

    public Instant requestedAt() {
        return requestedAt == null ? null : Instant.parse(requestedAt);
    }

    public Instant expiresAt() {
        return expiresAt == null ? null : Instant.parse(expiresAt);
    }

    /** Whether the requester has this phone's public address; null when unknown. */
    public Boolean sameNetwork() {
        return sameNetwork;
    }

    public String bindingMessage() {
        return bindingMessage;
    }

    /** How many digits the person types. */
    public int codeLength() {
        return codeLength;
    }

    /** The account being signed in; {@code viaBinding} when it is bound to this one. */
    public static final class AccountRef {

        private String loginName;

        private String displayName;

        private boolean viaBinding;

        private AccountRef() {
        }

        public String loginName() {
            return loginName;
        }

        public String displayName() {
            return displayName;
        }

        public boolean viaBinding() {
            return viaBinding;
        }

    }

    /** The device that asks. */
    public static final class Requester {

        private String type;

        private String name;

        private String model;

        private String os;

        private String appVersion;

        private String ipAddress;

        private Requester() {
        }

        public String type() {
            return type;
        }

        public String name() {
            return name;
        }

        public String model() {
            return model;
        }

        public String os() {
            return os;
        }

        public String appVersion() {
            return appVersion;
        }

        public String ipAddress() {
            return ipAddress;
        }

    }

}
