package org.onekeylogin.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses query and form parameters that contain a NUL character. No login, token or hint
 * has one, and PostgreSQL cannot store or even compare one: left through, it turns a
 * client's mistake into a database error. JSON bodies are checked by {@link JsonConfig}
 * the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class NulCharacterFilter extends OncePerRequestFilter {

    private final ApiErrorWriter errors;

    NulCharacterFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (hasNul(parameter.getKey()) || java.util.Arrays.stream(parameter.getValue()).anyMatch(this::hasNul)) {
                errors.write(request, response, ApiError.of(ErrorCode.VALIDATION_FAILED,
                        "A parameter contains a NUL character, which no field accepts.", Map.of()));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private boolean hasNul(String value) {
        return value.indexOf('\u0000') >= 0;
    }

}
