package org.onekeylogin.approval;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onekey.approval.*}: code length (2 to 6 digits), how long a request lives, how often a client may poll,
 * and the anti-fatigue limits.
 */
@ConfigurationProperties("onekey.approval")
public record ApprovalProperties(
        @DefaultValue("2") int codeLength,
        @DefaultValue("PT120S") Duration expiry,
        @DefaultValue("PT30S") Duration minExpiry,
        @DefaultValue("PT10M") Duration maxExpiry,
        @DefaultValue("5") int pollIntervalSeconds,
        @DefaultValue("5") int maxRequestsPerAccount,
        @DefaultValue("PT15M") Duration requestWindow,
        @DefaultValue("PT24H") Duration notMeBlock,
        @DefaultValue("30") int requestsPerIpPerMinute) {

    public ApprovalProperties {
        if (codeLength < 2 || codeLength > 6) {
            throw new IllegalArgumentException("onekey.approval.code-length must be between 2 and 6");
        }
    }
}
