package org.onekeylogin.push;

import java.util.function.Consumer;

/**
 * Carries {@link BusMessage}s to every node, this one included. One node needs nothing
 * more than {@link InProcessEventBus}; several nodes share one bus (Redis pub/sub) behind
 * this same interface.
 */
public interface EventBus {

    /**
     * Sends a message; one published inside a database transaction goes out only once
     * that transaction commits.
     */
    void publish(BusMessage message);

    void subscribe(Consumer<BusMessage> listener);

}
