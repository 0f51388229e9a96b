package org.onekeylogin.device;

/** Published after a device session was created. */
public record SessionOpened(DeviceSession session) {
}
