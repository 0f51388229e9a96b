package org.onekeylogin.system;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answers Tomcat gives itself, before a request reaches the application (an encoded
 * {@code /} or NUL in the path, an oversized header, a malformed request line), in the
 * service's error shapes instead of Tomcat's HTML page: the OAuth 2.0 error object on the
 * authorization server's paths, the API's shape everywhere else. They name no server,
 * version or stack.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReport {

    @Bean
    TomcatContextCustomizer jsonContainerErrors() {
        return context -> {
            Container host = context.getParent();
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(JsonValve.class.getName());
            }
        };
    }

    /**
     * Instantiated by Tomcat by its class name: public, with a public no-argument
     * constructor.
     */
    public static class JsonValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String path = request.getRequestURI();
            boolean oauth = path != null
                    && (path.startsWith("/oauth2/") || path.startsWith("/connect/") || path.equals("/userinfo"));
            String message = message(status);
            String body = oauth
                    ? "{\"error\":\"" + (status >= 500 ? "server_error" : "invalid_request")
                            + "\",\"error_description\":\"" + message + "\"}"
                    : "{\"status\":" + status + ",\"code\":\"" + code(status) + "\",\"message\":\"" + message + "\"}";
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            }
            catch (IOException | IllegalStateException ignored) {
                // the client has gone; nothing more to tell it
            }
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

    }

}
