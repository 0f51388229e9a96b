package org.onekeylogin.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answers Jetty gives itself, before a request reaches the application (a malformed
 * request line, an oversized header, an address Jetty refuses to route), in the service's
 * error shapes instead of Jetty's HTML page: the OAuth 2.0 error object on the
 * authorization server's paths, the API's shape everywhere else. They name no server,
 * version or stack.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReport {

    @Bean
    JettyServerCustomizer jsonContainerErrors() {
        return server -> server.setErrorHandler(new JsonErrorHandler());
    }

    /** The body of an error Jetty answers itself, for a request to {@code path}. */
    static String body(int status, @Nullable String path) {
        boolean oauth = path != null && ApiErrorWriter.isOAuthPath(path);
        String message = message(status);
        return oauth
                ? "{\"error\":\"" + (status >= 500 ? "server_error" : "invalid_request") + "\",\"error_description\":\""
                        + message + "\"}"
                : "{\"status\":" + status + ",\"code\":\"" + code(status) + "\",\"message\":\"" + message + "\"}";
    }

    private static String code(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND.code();
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED.code();
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE.code();
            default -> status >= 500 ? ErrorCode.SERVER_ERROR.code() : ErrorCode.INVALID_REQUEST.code();
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request is too large.";
            case 414, 431 -> "The request's address or headers are too large.";
            default -> status >= 500 ? "Something went wrong on our side. Please try again."
                    : "The request could not be read: check its address (no encoded slashes or NUL characters), "
                            + "headers and request line.";
        };
    }

    /** Jetty's error handler for the whole server, writing {@link #body}. */
    static final class JsonErrorHandler extends ErrorHandler {

        @Override
        protected void generateResponse(Request request, Response response, int code, @Nullable String message,
                @Nullable Throwable cause, Callback callback) {
            HttpURI uri = request.getHttpURI();
            byte[] body = body(code, uri == null ? null : uri.getPath()).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, @Nullable String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(body(status, null).getBytes(StandardCharsets.UTF_8));
        }

    }

}
