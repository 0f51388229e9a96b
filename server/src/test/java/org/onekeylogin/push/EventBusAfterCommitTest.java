package org.onekeylogin.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message published inside a database transaction tells other threads to read what that
 * transaction wrote, so it must not reach them before the commit, and never when the
 * transaction rolls back.
 */
@ServiceTest
class EventBusAfterCommitTest {

    @Autowired
    EventBus bus;

    @Autowired
    PlatformTransactionManager transactions;

    final BlockingQueue<BusMessage> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() {
        bus.subscribe(message -> {
            if (message instanceof BusMessage.Signal(String id) && id.startsWith("after-commit-test")) {
                received.add(message);
            }
        });
    }

    @Test
    void aMessagePublishedInATransactionIsDeliveredOnlyAfterItCommits() throws InterruptedException {
        var message = new BusMessage.Signal("after-commit-test-1");
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            bus.publish(message);
            try {
                assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("delivered before the commit").isNull();
            }
            catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(message);
    }

    @Test
    void aMessagePublishedInATransactionThatRollsBackIsNeverDelivered() throws InterruptedException {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            bus.publish(new BusMessage.Signal("after-commit-test-2"));
            status.setRollbackOnly();
        });
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aMessagePublishedOutsideATransactionIsDeliveredAtOnce() throws InterruptedException {
        var message = new BusMessage.Signal("after-commit-test-3");
        bus.publish(message);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(message);
    }

}
