package org.onekeylogin.network;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onekey.network.*}: presence window, liveness half-life and the home-network
 * rules.
 */
@ConfigurationProperties("onekey.network")
public record NetworkProperties(@DefaultValue("PT10M") Duration presenceWindow,
        @DefaultValue("P14D") Duration livenessHalfLife, @DefaultValue("8") int maxHomeAccounts,
        @DefaultValue("P3D") Duration minHomeHistory, @DefaultValue("P30D") Duration window) {
}
