package org.onekeylogin.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.onekeylogin.system.WireEnum;

/** The kinds of device OneKey signs in, each with its screen class. */
public enum DeviceType implements WireEnum {

    PHONE(ScreenClass.SMALL), TABLET(ScreenClass.SMALL), LAPTOP(ScreenClass.LARGE), PC(ScreenClass.LARGE),
    TV(ScreenClass.LARGE), SET_TOP_BOX(ScreenClass.LARGE), PROJECTOR(ScreenClass.LARGE), KIOSK(ScreenClass.LARGE);

    private static final String REFUSAL = "Device type must be one of " + WireEnum.wireNames(DeviceType.class) + ".";

    private final ScreenClass screenClass;

    DeviceType(ScreenClass screenClass) {
        this.screenClass = screenClass;
    }

    public ScreenClass screenClass() {
        return screenClass;
    }

    @JsonCreator
    public static DeviceType fromWire(String value) {
        return WireEnum.fromWire(DeviceType.class, value, "device.type", REFUSAL);
    }

}
