package org.onekeylogin.push.platform;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The gateway of each platform this service pushes to. */
record PushGateways(Map<PushPlatform, PushGateway> byPlatform) implements AutoCloseable {

    PushGateways {
        byPlatform = Map.copyOf(byPlatform);
    }

    Optional<PushGateway> of(PushPlatform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    Set<PushPlatform> platforms() {
        return byPlatform.keySet();
    }

    boolean none() {
        return byPlatform.isEmpty();
    }

    @Override
    public void close() throws Exception {
        for (PushGateway gateway : Set.copyOf(byPlatform.values())) {
            if (gateway instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

}
