package org.onekeylogin.push.platform;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a push service made of one push. */
sealed interface GatewayAnswer {

    /** Accepted for delivery. */
    record Delivered() implements GatewayAnswer {
    }

    /**
     * Not now: the service or the way to it failed; {@code after} is the wait it asked
     * for, if it did.
     */
    record TryLater(@Nullable Duration after) implements GatewayAnswer {
    }

    /**
     * The token is no longer valid (the app was uninstalled, or the token belongs
     * elsewhere): the registration goes.
     */
    record Unregistered(String reason) implements GatewayAnswer {
    }

    /** Refused for a reason another try cannot change. */
    record Refused(String reason) implements GatewayAnswer {
    }

    GatewayAnswer DELIVERED = new Delivered();

}
