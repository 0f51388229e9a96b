package org.onekeylogin.system;

import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * The edge of the JSON API: turns {@link ApiException} and Spring MVC's own request
 * errors into the one error shape, with a message a person can act on. It deliberately
 * does not catch {@code Exception}: an unexpected failure is a bug and goes to
 * {@link JsonErrorController} as a plain {@code server_error}.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final Languages languages;

    ApiExceptionHandler(Languages languages) {
        this.languages = languages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        var response = ResponseEntity.status(e.code().status());
        if (e.details().get("retry_after_seconds") instanceof Number seconds) {
            response.header("Retry-After", String.valueOf(seconds.longValue()));
        }
        return response.contentType(MediaType.APPLICATION_JSON)
            .header("Content-Language", Languages.current().toLanguageTag())
            .body(languages.translate(ApiError.of(e), Languages.current()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api(api);
            }
            if (cause instanceof ValueInstantiationException vie && vie.getCause() instanceof ApiException api) {
                return api(api);
            }
        }
        if (e.getCause() instanceof StreamReadException duplicate
                && String.valueOf(duplicate.getOriginalMessage()).startsWith("Duplicate field")) {
            return error(ErrorCode.MALFORMED_JSON, "A field appears twice in the request body; send each once.",
                    Map.of());
        }
        if (e.getCause() instanceof StreamReadException) {
            return error(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.", Map.of());
        }
        if (e.getCause() instanceof JacksonException je && !je.getPath().isEmpty()) {
            String field = je.getPath()
                .stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
            return error(ErrorCode.VALIDATION_FAILED, "Field '" + field + "' is missing or has the wrong type.",
                    Map.of("field", field));
        }
        if (e.getCause() == null) {
            return error(ErrorCode.MALFORMED_JSON, "The request needs a JSON body.", Map.of());
        }
        return error(ErrorCode.MALFORMED_JSON, "The request body could not be read as the expected JSON.", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(ErrorCode.NOT_ACCEPTABLE, "This endpoint cannot answer in the requested media type.", Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
        return error(ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here.", Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noResource(NoResourceFoundException e) {
        return error(ErrorCode.NOT_FOUND, "There is nothing at this address.", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(ErrorCode.VALIDATION_FAILED, "Parameter '" + e.getName() + "' has the wrong format.",
                Map.of("field", e.getName()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return error(ErrorCode.VALIDATION_FAILED, "Parameter '" + e.getParameterName() + "' is required.",
                Map.of("field", e.getParameterName()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e) {
        return error(ErrorCode.INVALID_REQUEST, "Header '" + e.getHeaderName() + "' is required.", Map.of());
    }

    private ResponseEntity<Object> error(ErrorCode code, String message, Map<String, Object> details) {
        log.debug("Rejected request: {}", code.code());
        // always JSON, whatever the client's Accept header asks for: an error must reach
        // it in the documented shape
        var response = ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_JSON);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && ApiErrorWriter.isOAuthSurface(attributes.getRequest())) {
            // the authorization server's paths keep the OAuth 2.0 error format (RFC 6749
            // section 5.2)
            return response.body(Map.of("error", "invalid_request", "error_description", message));
        }
        return response.header("Content-Language", Languages.current().toLanguageTag())
            .body(languages.translate(ApiError.of(code, message, details), Languages.current()));
    }

}
