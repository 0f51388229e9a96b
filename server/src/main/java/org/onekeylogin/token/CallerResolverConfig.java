package org.onekeylogin.token;

import java.util.List;
import org.onekeylogin.token.internal.CallerArgumentResolver;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers of every feature take the signed-in {@code Caller} as a parameter,
 * built from the checked access token, without knowing about JWTs.
 */
@Configuration(proxyBeanMethods = false)
class CallerResolverConfig implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

}
