package org.onekeylogin.system;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Paths of the JSON API that a feature serves without an access token: registration, the
 * first steps of each sign-in flow, public images. Each feature declares its own next to
 * the controller that serves them (a static {@code @Bean}); the API's security chain
 * opens exactly what is declared and requires a token everywhere else.
 */
public record OpenApiEndpoints(HttpMethod method, List<String> patterns) {

    public OpenApiEndpoints {
        patterns = List.copyOf(patterns);
    }

    public static OpenApiEndpoints post(String... patterns) {
        return new OpenApiEndpoints(HttpMethod.POST, List.of(patterns));
    }

    public static OpenApiEndpoints get(String... patterns) {
        return new OpenApiEndpoints(HttpMethod.GET, List.of(patterns));
    }
}
