package org.onekeylogin.recommendation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code onekey.recommendation.*}: how many to show and the exclusion thresholds. */
@ConfigurationProperties("onekey.recommendation")
public record RecommendationProperties(@DefaultValue("6") int maxShown, @DefaultValue("P90D") Duration inactiveAfter,
        @DefaultValue("0.7") double maxTheftRisk, @DefaultValue("5") int maxSharers,
        @DefaultValue("10") int maxOffsiteSignIns) {
}
