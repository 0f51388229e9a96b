package org.onekeylogin.client;

import java.time.Instant;

/**
 * One account signed in on one device, as "signed-in devices" lists it. {@code method}
 * and the device type are kept as sent: a newer service may add values.
 */
public final class Session {

    private String id;

    private String accountId;

    private Device device;

    private String method;

    private String networkLabel;

    private String ipAddress;

    private String signedInAt;

    private String lastSeenAt;

    private boolean thisDevice;

    private Session() {
    }

    public String id() {
        return id;
    }

    /**
     * The account signed in; differs from the caller's for a bound account's sessions.
     */
    public String accountId() {
        return accountId;
    }

    public Device device() {
        return device;
    }

    /**
     * {@code password}, {@code phone_approval}, {@code qr_code}, {@code sms_code}, ...
     */
    public String method() {
        return method;
    }

    public String networkLabel() {
        return networkLabel;
    }

    public String ipAddress() {
        return ipAddress;
    }

    public Instant signedInAt() {
        return signedInAt == null ? null : Instant.parse(signedInAt);
    }

    public Instant lastSeenAt() {
        return lastSeenAt == null ? null : Instant.parse(lastSeenAt);
    }

    /** Whether this is the session of the device asking. */
    public boolean thisDevice() {
        return thisDevice;
    }

    /** The device of a session as it described itself at its latest sign-in. */
    public static final class Device {

        private String id;

        private String type;

        private String screenClass;

        private String name;

        private String model;

        private String os;

        private String appVersion;

        private Device() {
        }

        public String id() {
            return id;
        }

        /** {@code phone}, {@code tv}, ... as sent. */
        public String type() {
            return type;
        }

        /** {@code small} or {@code large}. */
        public String screenClass() {
            return screenClass;
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

    }

}
