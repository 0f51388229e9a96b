package org.onekeylogin.system;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time comes from one injected {@link Clock}, so expiry and decay are testable without
 * sleeping.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfig {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

}
