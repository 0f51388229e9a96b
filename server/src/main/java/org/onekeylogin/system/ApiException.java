package org.onekeylogin.system;

import java.util.Map;

/**
 * The one exception type the JSON API throws for anything the caller can fix or must be
 * told about. The edge turns it into an {@link ApiError}; nothing else needs to know
 * about HTTP.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    private final Map<String, Object> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message, Map.of("field", field));
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

}
