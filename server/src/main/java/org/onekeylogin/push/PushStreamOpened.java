package org.onekeylogin.push;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.Caller;

/**
 * A signed-in device opened its event stream. {@code networkHeader} is the raw
 * {@code OneKey-Network} header (the device's Wi-Fi, as JSON), for the network feature to
 * record; {@code ip} is the caller's address.
 */
public record PushStreamOpened(Caller caller, @Nullable String networkHeader, @Nullable String ip) {

    @Override
    public String toString() {
        return "PushStreamOpened[device=" + caller.deviceId() + "]";
    }
}
