package org.onekeylogin.token.logout;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.onekeylogin.token.TokenProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The back-channel logouts and their sender. */
@Configuration(proxyBeanMethods = false)
class BackchannelLogoutConfig {

    @Bean
    BackchannelLogouts backchannelLogouts(LogoutDeliveries deliveries, TokenProperties clients,
            BackchannelLogoutProperties settings, JWKSource<SecurityContext> keys, MeterRegistry meters, Clock clock) {
        return new BackchannelLogouts(deliveries, clients, settings, keys, meters, clock);
    }

    @Bean
    Gauge backchannelLogoutsWaiting(MeterRegistry registry, BackchannelLogouts logouts) {
        return Gauge.builder("onekey.backchannel.logout.waiting", logouts, BackchannelLogouts::waiting)
            .description("Back-channel logouts queued and not yet delivered, on all nodes")
            .register(registry);
    }

}
