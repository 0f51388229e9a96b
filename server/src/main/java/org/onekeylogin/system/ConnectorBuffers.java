package org.onekeylogin.system;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Buffer sizes of each of Jetty's connections. Jetty takes its buffers from a shared pool
 * while it reads or writes and gives them back when it is done, so an idle connection or
 * an open event stream holds none of the request's buffers; what an open stream keeps is
 * its response buffer, sized here for the small JSON answers and events of a login
 * service instead of Jetty's 32 KB (larger bodies are still written, in more pieces).
 * Measured in docs/BENCHMARKS.md, "Memory per event stream and per connection".
 */
@Configuration(proxyBeanMethods = false)
class ConnectorBuffers {

    /**
     * Bytes of a response held before they are sent (a response that outgrows it is sent
     * in chunks).
     */
    static final int RESPONSE_BUFFER_BYTES = 2048;

    /**
     * Writes smaller than this are gathered in the response buffer before they are sent.
     */
    static final int RESPONSE_AGGREGATION_BYTES = 1024;

    @Bean
    JettyServerCustomizer smallConnectionBuffers() {
        return server -> {
            for (Connector connector : server.getConnectors()) {
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    HttpConfiguration config = http.getHttpConfiguration();
                    config.setOutputBufferSize(RESPONSE_BUFFER_BYTES);
                    config.setOutputAggregationSize(RESPONSE_AGGREGATION_BYTES);
                }
            }
        };
    }

}
