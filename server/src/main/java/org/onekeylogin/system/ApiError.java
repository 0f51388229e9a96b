package org.onekeylogin.system;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON error shape of the API:
 * {@code {"status":400,"code":"validation_failed","message":"...", "details":{...}}}.
 * {@code code} is stable; {@code message} is written for people.
 */
public record ApiError(int status, String code, String message, @Nullable Map<String, Object> details) {

    public static ApiError of(ErrorCode code, String message, Map<String, Object> details) {
        return new ApiError(code.status().value(), code.code(), message, details.isEmpty() ? null : details);
    }

    public static ApiError of(ApiException e) {
        return of(e.code(), e.getMessage(), e.details());
    }
}
