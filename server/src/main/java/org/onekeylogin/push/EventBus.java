package org.onekeylogin.push;

import java.util.function.Consumer;

/**
 * Carries {@link BusMessage}s to every node, this one included. One node needs nothing more than
 * {@link InProcessEventBus}; several nodes share one bus (Redis pub/sub) behind this same interface.
 */
public interface EventBus {

    void publish(BusMessage message);

    void subscribe(Consumer<BusMessage> listener);
}
