package org.onekeylogin.system;

import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller buffers for each of Tomcat's connections. An open event stream keeps its
 * connection's request processor, and with it every buffer Tomcat sized for a large
 * request or response: about 115 KB of heap per stream with Tomcat's defaults, so a few
 * thousand streams or half-open connections filled a node's heap. A login service reads
 * requests of a few kilobytes and writes small JSON answers and events, so a quarter of
 * Tomcat's socket and response buffers is enough (larger bodies are still read and
 * written, in more pieces); a stream then holds about 75 KB (measured in
 * docs/BENCHMARKS.md, "Memory per event stream and per connection").
 */
@Configuration(proxyBeanMethods = false)
class ConnectorBuffers {

    /** Bytes Tomcat reads from, and writes to, a socket at a time. */
    static final int SOCKET_BUFFER_BYTES = 2048;

    /**
     * Bytes of a response held before they are sent (a response that outgrows it is sent
     * in chunks).
     */
    static final int RESPONSE_BUFFER_BYTES = 2048;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallConnectionBuffers() {
        return factory -> {
            factory.setProtocol(SmallBufferProtocol.class.getName());
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
                connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            });
        };
    }

    /**
     * Tomcat's HTTP/1.1 connector with a smaller response buffer: it sizes each
     * response's buffer from this protocol's desired size. Instantiated by Tomcat by its
     * class name: public, with a public no-argument constructor.
     */
    public static class SmallBufferProtocol extends Http11NioProtocol {

        @Override
        public int getDesiredBufferSize() {
            return RESPONSE_BUFFER_BYTES;
        }

    }

}
