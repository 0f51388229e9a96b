package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK transport against a raw server that drops every other connection without an
 * answer, as a server closing a kept-alive connection does.
 */
class JdkHttpTransportTest {

    private final AtomicInteger connections = new AtomicInteger();

    private final ServerSocket server = start();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void anIdempotentRequestWhoseConnectionDropsIsSentOnceMore() throws IOException {
        for (String method : new String[] { "GET", "PUT", "DELETE" }) {
            TransportResponse response = new JdkHttpTransport().send(request(method));
            assertThat(response.status()).as(method).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        }
        assertThat(connections.get()).as("each request: one dropped connection, one answered").isEqualTo(6);
    }

    @Test
    void aPostWhoseConnectionDropsIsNotRepeated() {
        assertThatThrownBy(() -> new JdkHttpTransport().send(request("POST"))).isInstanceOf(IOException.class);
        assertThat(connections.get()).isEqualTo(1);
    }

    private TransportRequest request(String method) {
        return new TransportRequest(method, URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api"),
                Map.of("Accept", "application/json"),
                method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5));
    }

    private ServerSocket start() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        int n = connections.incrementAndGet();
                        InputStream in = connection.getInputStream();
                        readHead(in);
                        if (n % 2 == 1) {
                            continue; // closed without a byte of answer
                        }
                        OutputStream out = connection.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                                + "Connection: close\r\n\r\nok")
                            .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    catch (IOException closed) {
                        // the test ended
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            return socket;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the request line and headers (the bodies here are tiny and ignored). */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
    }

}
