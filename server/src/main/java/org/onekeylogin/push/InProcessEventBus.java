package org.onekeylogin.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.onekeylogin.system.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The bus of a single node: delivers each message to this node's listeners on a virtual
 * thread, so the request that published it does not wait for streams to be written.
 */
public class InProcessEventBus implements EventBus, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

    private final List<Consumer<BusMessage>> listeners = new CopyOnWriteArrayList<>();

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * Delivers the message after the publisher's transaction commits (at once outside
     * one).
     */
    @Override
    public void publish(BusMessage message) {
        AfterCommit.run(() -> deliverLocally(message));
    }

    /**
     * Hands a message to this node's listeners; multi-node buses call it for what they
     * receive.
     */
    protected void deliverLocally(BusMessage message) {
        for (Consumer<BusMessage> listener : listeners) {
            executor.execute(() -> {
                try {
                    listener.accept(message);
                }
                catch (RuntimeException e) {
                    log.warn("A push listener failed on {}", message.getClass().getSimpleName(), e);
                }
            });
        }
    }

    @Override
    public void subscribe(Consumer<BusMessage> listener) {
        listeners.add(listener);
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }

}
