package com.example.stockwebapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A stock Spring Boot web application that signs people in with OneKey: Spring Boot's
 * {@code spring-boot-starter-security-oauth2-client} and its auto-configuration, and
 * nothing for OneKey beyond the client registration in {@link #start} and Spring
 * Security's own back-channel logout switched on. Its {@code /} greets the person with
 * the name from the ID token. It lives outside OneKey's packages, as another company's
 * application would, so OneKey's component scan never picks it up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class StockWebApp {

    /**
     * Spring Security's usual web-app set-up, plus its OpenID Connect back-channel logout
     * endpoint ({@code /logout/connect/back-channel/onekey}): when OneKey ends a session,
     * the app's session of that {@code sid} ends too.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
            .oauth2Login(Customizer.withDefaults())
            .oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()));
        return http.build();
    }

    @GetMapping(path = "/", produces = "text/html")
    String home(@AuthenticationPrincipal OidcUser user) {
        return "<!doctype html><title>Stock web app</title><h1 data-testid=\"greeting\">Hello, "
                + HtmlUtils.htmlEscape(user.getFullName()) + "</h1><p data-testid=\"subject\">"
                + HtmlUtils.htmlEscape(user.getSubject()) + "</p>";
    }

    /** The running application and its address. */
    public record Running(ConfigurableApplicationContext context, String base) implements AutoCloseable {

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Starts the application on a random port of 127.0.0.1 (a loopback redirect URI, as
     * OneKey's demo web client registers), signing in with OneKey at {@code issuer}.
     */
    public static Running start(String issuer) {
        return start(issuer, 0, "onekey-demo-web");
    }

    /**
     * Starts the application on {@code port} of 127.0.0.1 (0: any free one), signing in
     * as {@code clientId}.
     */
    public static Running start(String issuer, int port, String clientId) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StockWebApp.class).properties(
                // its own configuration file name, so OneKey's application.yaml is not
                // read
                "spring.config.name=stock-webapp", "spring.application.name=stock-webapp",
                "spring.main.banner-mode=off", "server.port=" + port, "server.address=127.0.0.1",
                // what OneKey's classes on the shared test class path would otherwise
                // switch on
                "spring.flyway.enabled=false", "spring.sql.init.mode=never",
                "spring.datasource.url=jdbc:h2:mem:stockwebapp",
                "spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
                        + "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration,"
                        + "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration,"
                        + "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration,"
                        + "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
                // the client registration: all there is about OneKey
                "spring.security.oauth2.client.registration.onekey.client-id=" + clientId,
                "spring.security.oauth2.client.registration.onekey.client-authentication-method=none",
                "spring.security.oauth2.client.registration.onekey.authorization-grant-type=authorization_code",
                "spring.security.oauth2.client.registration.onekey.scope=openid,profile",
                "spring.security.oauth2.client.registration.onekey.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                "spring.security.oauth2.client.provider.onekey.issuer-uri=" + issuer)
            .run();
        int listening = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Running(context, "http://127.0.0.1:" + listening);
    }

}
