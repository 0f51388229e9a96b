package org.onekeylogin.device;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ShownText;

/**
 * A device as its app describes itself: a stable id the app keeps (so a reinstall or
 * factory reset can keep its history on the server), its type, a name a person recognises
 * ("Living-room TV"), model, OS and app version.
 */
public record DeviceDescription(String id, DeviceType type, String name, @Nullable String model, @Nullable String os,
        @Nullable String appVersion) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    public DeviceDescription {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.invalid("device.id",
                    "A device id has 8 to 128 letters, digits, dots, dashes, colons or underscores.");
        }
        if (type == null) {
            throw ApiException.invalid("device.type", "Say what type of device this is.");
        }
        name = required(name, "device.name", 64);
        model = optional(model, "device.model", 64);
        os = optional(os, "device.os", 64);
        appVersion = optional(appVersion, "device.app_version", 32);
    }

    public ScreenClass screenClass() {
        return type.screenClass();
    }

    /**
     * The device a request body describes, refused on field {@code device} when the body
     * leaves it out. Every sign-in request names the device it signs in, so the check and
     * its wording live here once.
     */
    public static DeviceDescription required(@Nullable DeviceDescription device) {
        return required(device, "Describe the device that signs in.");
    }

    /**
     * As {@link #required(DeviceDescription)}, for requests that say in their own words
     * what the device is for.
     */
    public static DeviceDescription required(@Nullable DeviceDescription device, String refusal) {
        if (device == null) {
            throw ApiException.invalid("device", refusal);
        }
        return device;
    }

    private static String required(@Nullable String value, String field, int max) {
        String v = optional(value, field, max);
        if (v == null) {
            throw ApiException.invalid(field, "Field '" + field + "' is required.");
        }
        return v;
    }

    private static @Nullable String optional(@Nullable String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max || !ShownText.isShowable(v)) {
            throw ApiException.invalid(field, "Field '" + field + "' has at most " + max
                    + " printable characters (no control, formatting or private-use characters).");
        }
        return v;
    }
}
