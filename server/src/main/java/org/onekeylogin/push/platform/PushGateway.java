package org.onekeylogin.push.platform;

/**
 * Sends one push to one platform's push service. Implementations never throw for the
 * service's failures: they answer {@link GatewayAnswer.TryLater}, and log one line at
 * most.
 */
interface PushGateway {

    /** The name used in metrics and logs, e.g. {@code fcm}. */
    String name();

    GatewayAnswer send(Delivery delivery);

}
