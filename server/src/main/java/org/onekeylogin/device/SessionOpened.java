package org.onekeylogin.device;

/**
 * Published, synchronously, when a device session has been created, inside the sign-in's
 * transaction: what a listener writes commits or rolls back with the sign-in, and
 * whatever a listener sends out of the service (a text, a bus message) must wait for the
 * commit.
 */
public record SessionOpened(DeviceSession session) {
}
