package org.onekeylogin.sms;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onekey.sms.*}: code lifetime and limits, automatic registration of unknown
 * numbers, and the gateway ({@code outbox} or {@code webhook}).
 */
@ConfigurationProperties("onekey.sms")
public record SmsProperties(@DefaultValue("PT5M") Duration codeTtl, @DefaultValue("5") int maxAttempts,
        @DefaultValue("PT60S") Duration resendAfter, @DefaultValue("5") int codesPerNumberPerHour,
        @DefaultValue("5") int codesPerIpPerHour, @DefaultValue("false") boolean autoRegister,
        @DefaultValue("outbox") String gateway, @DefaultValue Webhook webhook) {

    /**
     * The webhook gateway: where to POST, the shared secret that signs each request, and
     * the retry schedule.
     */
    public record Webhook(@Nullable String url, @Nullable String secret, @DefaultValue("3") int attempts,
            @DefaultValue("PT0.5S") Duration firstBackoff) {
    }
}
