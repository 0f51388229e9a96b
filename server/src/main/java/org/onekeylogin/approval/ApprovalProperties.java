package org.onekeylogin.approval;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onekey.approval.*}: code length (2 to 6 digits), how long a request lives, how
 * often a client may poll, and the anti-fatigue limits.
 *
 * <p>
 * The limits, per {@code request-window} (default 15 minutes): one requester (a
 * requesting device, and separately a requesting address) may ask one account
 * {@code max-requests-per-requester} times (default 5, so the sixth is refused); the
 * first {@code requester-burst} (default 3) at once, each later one only after
 * {@code requester-backoff} (default 1 minute) since its previous one, doubled for each
 * further one. The account as a whole gets at most {@code max-requests-per-account}
 * (default 20) from requesters it does not know, which bounds what many strangers
 * together can send to the owner's phone; a device that has signed in to the account
 * before is counted only against its own limit, so a stranger's flood never keeps the
 * owner's own device out. After "that wasn't me" the requester is blocked for
 * {@code not-me-block} (default 24 hours).
 */
@ConfigurationProperties("onekey.approval")
public record ApprovalProperties(@DefaultValue("2") int codeLength, @DefaultValue("PT120S") Duration expiry,
        @DefaultValue("PT30S") Duration minExpiry, @DefaultValue("PT10M") Duration maxExpiry,
        @DefaultValue("5") int pollIntervalSeconds, @DefaultValue("20") int maxRequestsPerAccount,
        @DefaultValue("5") int maxRequestsPerRequester, @DefaultValue("3") int requesterBurst,
        @DefaultValue("PT1M") Duration requesterBackoff, @DefaultValue("PT15M") Duration requestWindow,
        @DefaultValue("PT24H") Duration notMeBlock, @DefaultValue("30") int requestsPerIpPerMinute) {

    public ApprovalProperties {
        if (codeLength < 2 || codeLength > 6) {
            throw new IllegalArgumentException("onekey.approval.code-length must be between 2 and 6");
        }
        if (maxRequestsPerRequester < 1 || requesterBurst < 1 || requesterBurst > maxRequestsPerRequester) {
            throw new IllegalArgumentException("onekey.approval.requester-burst must be between 1 and "
                    + "onekey.approval.max-requests-per-requester");
        }
        if (maxRequestsPerAccount < maxRequestsPerRequester) {
            throw new IllegalArgumentException("onekey.approval.max-requests-per-account must be at least "
                    + "onekey.approval.max-requests-per-requester");
        }
    }
}
