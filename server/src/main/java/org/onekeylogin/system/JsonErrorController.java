package org.onekeylogin.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers whatever reaches the servlet container's error page (unmapped paths outside
 * Spring MVC, failures in filters, bugs) with the same JSON error shape, never a stack
 * trace.
 */
@Controller
class JsonErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorController.class);

    private final Languages languages;

    JsonErrorController(Languages languages) {
        this.languages = languages;
    }

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer s ? s : 500;
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.INVALID_TOKEN;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            default -> ErrorCode.SERVER_ERROR;
        };
        if (code == ErrorCode.SERVER_ERROR) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("Unexpected failure on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    failure instanceof Throwable t ? t : null);
        }
        String message = code == ErrorCode.SERVER_ERROR ? "Something went wrong on our side. Please try again."
                : HttpStatus.valueOf(status).getReasonPhrase() + ".";
        int answered = code == ErrorCode.SERVER_ERROR ? status : code.status().value();
        var locale = languages.of(request);
        return ResponseEntity.status(answered)
            .header("Content-Language", locale.toLanguageTag())
            .body(languages.translate(new ApiError(answered, code.code(), message, null), locale));
    }

}
