package org.onekeylogin.push.platform;

import org.onekeylogin.system.WireEnum;

/** A phone platform's push service, as devices name it when they register. */
public enum PushPlatform implements WireEnum {

    /** Firebase Cloud Messaging (Android, and apps that use Firebase on iOS). */
    FCM,
    /** Apple Push Notification service. */
    APNS;

    static PushPlatform fromWire(String value) {
        return WireEnum.fromWire(PushPlatform.class, value, "platform", "The platform is 'fcm' or 'apns'.");
    }

}
