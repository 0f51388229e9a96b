package org.onekeylogin.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.onekeylogin.system.ApiException;

/** The kinds of device OneKey signs in, each with its screen class. */
public enum DeviceType {
    PHONE(ScreenClass.SMALL),
    TABLET(ScreenClass.SMALL),
    LAPTOP(ScreenClass.LARGE),
    PC(ScreenClass.LARGE),
    TV(ScreenClass.LARGE),
    SET_TOP_BOX(ScreenClass.LARGE),
    PROJECTOR(ScreenClass.LARGE),
    KIOSK(ScreenClass.LARGE);

    private final ScreenClass screenClass;

    DeviceType(ScreenClass screenClass) {
        this.screenClass = screenClass;
    }

    public ScreenClass screenClass() {
        return screenClass;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeviceType fromWire(String value) {
        for (DeviceType t : values()) {
            if (t.wireName().equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw ApiException.invalid("device.type", "Device type must be one of "
                + Arrays.stream(values()).map(DeviceType::wireName).collect(Collectors.joining(", ")) + ".");
    }
}
