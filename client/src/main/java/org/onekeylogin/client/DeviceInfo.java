package org.onekeylogin.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The device as the app describes it at sign-in. {@code id} is generated once by the app
 * (8 to 128 letters, digits, {@code . _ - :}) and kept, so the device's sign-in screen
 * can offer the accounts that used it before. {@code name} is what the account's owner
 * sees on the phone ("Living-room TV").
 */
public final class DeviceInfo {

    private final String id;

    private final DeviceType type;

    private final String name;

    private final String model;

    private final String os;

    private final String appVersion;

    private DeviceInfo(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.type = Objects.requireNonNull(b.type, "type");
        this.name = Objects.requireNonNull(b.name, "name");
        this.model = b.model;
        this.os = b.os;
        this.appVersion = b.appVersion;
        if (!id.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new IllegalArgumentException("A device id has 8 to 128 letters, digits, '.', '_', '-' or ':'");
        }
    }

    public static Builder builder(String id, DeviceType type, String name) {
        return new Builder(id, type, name);
    }

    public String id() {
        return id;
    }

    public DeviceType type() {
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

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", type.wireName());
        json.put("name", name);
        putIfSet(json, "model", model);
        putIfSet(json, "os", os);
        putIfSet(json, "app_version", appVersion);
        return json;
    }

    private static void putIfSet(Map<String, Object> json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    /** The optional parts of a device description. */
    public static final class Builder {

        private final String id;

        private final DeviceType type;

        private final String name;

        private String model;

        private String os;

        private String appVersion;

        private Builder(String id, DeviceType type, String name) {
            this.id = id;
            this.type = type;
            this.name = name;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder os(String os) {
            this.os = os;
            return this;
        }

        public Builder appVersion(String appVersion) {
            this.appVersion = appVersion;
            return this;
        }

        public DeviceInfo build() {
            return new DeviceInfo(this);
        }

    }

}
