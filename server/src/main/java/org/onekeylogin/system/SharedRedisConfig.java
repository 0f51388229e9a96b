package org.onekeylogin.system;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The connection to the cluster's Redis, made only when {@code onekey.redis.url} is set
 * (Spring Boot's own Redis auto-configuration is off, so a single node never tries to
 * reach a Redis it does not have). Commands fail fast while Redis is unreachable instead
 * of queueing, so a Redis outage costs a request a short timeout, not a hang; Lettuce
 * reconnects by itself when Redis is back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${onekey.redis.url:}'.isBlank()")
class SharedRedisConfig {

    @Bean
    LettuceConnectionFactory redisConnectionFactory(SharedRedisProperties properties) {
        var client = LettuceClientConfiguration.builder()
            .commandTimeout(properties.commandTimeout())
            .clientOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(properties.commandTimeout()).build())
                .build())
            .build();
        return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(properties.url()),
                client);
    }

    @Bean
    SharedRateCounters sharedRateCounters(StringRedisTemplate redis) {
        return new SharedRateCounters(redis);
    }

    @Bean
    StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory connections) {
        return new StringRedisTemplate(connections);
    }

}
