package org.onekeylogin.push;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.AfterCommit;
import org.onekeylogin.system.SharedRedisProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The bus of a cluster: every message is published on one Redis pub/sub channel and every
 * node, this one included, hands what it receives to its own listeners. The messages only
 * say "read the database again" (the events themselves are stored), so a lost message
 * delays a delivery, never loses it.
 *
 * <p>
 * The node checks its bus by publishing a heartbeat of its own every
 * {@code heartbeat-interval}. When none has come back for {@code heartbeat-timeout}
 * (Redis down, the subscription broken) the bus is <em>degraded</em>: messages that
 * cannot be published are delivered to this node's listeners directly, and every
 * {@code fallback-interval} the listeners are told to read the database again
 * ({@link BusMessage.Resync}), so streams and long polls keep working across nodes at
 * that pace. When a heartbeat comes back, one more resync catches up on whatever was
 * missed and delivery is live again; the subscription reconnects by itself.
 */
public class RedisEventBus extends InProcessEventBus {

    static final String CHANNEL = "onekey:bus";

    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);

    private final StringRedisTemplate redis;

    private final SharedRedisProperties properties;

    private final RedisMessageListenerContainer container;

    private final ScheduledExecutorService ticker = Executors
        .newSingleThreadScheduledExecutor(Thread.ofVirtual().name("onekey-bus-heartbeat").factory());

    private final String node = UUID.randomUUID().toString();

    private final AtomicLong lastHeartbeatBack = new AtomicLong(System.nanoTime());

    private volatile boolean live = true;

    public RedisEventBus(RedisConnectionFactory connections, StringRedisTemplate redis,
            SharedRedisProperties properties) {
        this.redis = redis;
        this.properties = properties;
        this.container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setRecoveryBackoff(new FixedBackOff(properties.heartbeatInterval().toMillis(), Long.MAX_VALUE));
        container.addMessageListener(this::received, new ChannelTopic(CHANNEL));
        container.afterPropertiesSet();
        container.start();
        long every = Math.min(properties.heartbeatInterval().toMillis(), properties.fallbackInterval().toMillis());
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether messages reach the other nodes now. */
    public boolean isLive() {
        return live;
    }

    /** How long ago this node's last heartbeat came back through Redis. */
    public Duration sinceLastHeartbeat() {
        return Duration.ofNanos(System.nanoTime() - lastHeartbeatBack.get());
    }

    public Duration fallbackInterval() {
        return properties.fallbackInterval();
    }

    @Override
    public void publish(BusMessage message) {
        AfterCommit.run(() -> send(message));
    }

    private void send(BusMessage message) {
        String wire = BusWire.encode(message);
        if (wire == null) {
            deliverLocally(message);
            return;
        }
        try {
            redis.convertAndSend(CHANNEL, wire);
        }
        catch (RuntimeException unreachable) {
            // the other nodes will read the database at the fallback pace; this node's
            // own
            // listeners need not wait
            deliverLocally(message);
        }
    }

    private void received(Message message, byte @Nullable [] pattern) {
        String wire = new String(message.getBody(), StandardCharsets.UTF_8);
        if (wire.equals(BusWire.heartbeat(node))) {
            lastHeartbeatBack.set(System.nanoTime());
            return;
        }
        BusMessage decoded = BusWire.decode(wire);
        if (decoded != null) {
            deliverLocally(decoded);
        }
    }

    private long lastResync;

    private long lastHeartbeatSent;

    private void tick() {
        try {
            if (System.nanoTime() - lastHeartbeatSent >= properties.heartbeatInterval().toNanos()) {
                lastHeartbeatSent = System.nanoTime();
                try {
                    redis.convertAndSend(CHANNEL, BusWire.heartbeat(node));
                }
                catch (RuntimeException unreachable) {
                    // counted below: no heartbeat comes back
                }
            }
            boolean nowLive = sinceLastHeartbeat().compareTo(properties.heartbeatTimeout()) < 0;
            if (nowLive != live) {
                live = nowLive;
                if (nowLive) {
                    log.info("The event bus is live again: events reach the other nodes at once");
                }
                else {
                    log.warn("The event bus (Redis) does not answer: streams and long polls read the database every {}",
                            properties.fallbackInterval());
                }
                resync();
            }
            else if (!live && System.nanoTime() - lastResync >= properties.fallbackInterval().toNanos()) {
                resync();
            }
        }
        catch (RuntimeException e) {
            log.warn("The event bus heartbeat failed: {}", e.toString());
        }
    }

    private void resync() {
        lastResync = System.nanoTime();
        deliverLocally(new BusMessage.Resync());
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        try {
            container.stop();
            container.destroy();
        }
        catch (Exception e) {
            log.debug("Closing the bus subscription: {}", e.toString());
        }
        super.destroy();
    }

}
