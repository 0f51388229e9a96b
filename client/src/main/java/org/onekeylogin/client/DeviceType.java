package org.onekeylogin.client;

import java.util.Locale;

/** What kind of device signs in; decides its screen class on the service. */
public enum DeviceType {

    PHONE, TABLET, LAPTOP, PC, TV, SET_TOP_BOX, PROJECTOR, KIOSK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

}
