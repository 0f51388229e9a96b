package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onekeylogin.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A request refused before its body was read, whose body reaches the service after its
 * headers (as on a slow network, or from a client that writes them separately), gets its
 * answer on a connection that stays open: the client reads the refusal, not a reset, and
 * can send its next request on the same connection.
 */
@ServiceTest
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the web server keeps or closes connections alike on either database")
class LateRequestBodyTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource({ "PUT, /api/v1/operator/networks/kind, Bearer not-a-token, 401",
            "POST, /api/v1/sessions/current/no-such-thing, Bearer not-a-token, 401", "POST, /no-such-page, , 404" })
    void whenTheBodyArrivesAfterTheRefusalIsDecidedThenTheConnectionStaysOpen(String method, String path,
            String authorization, int status) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String body = "{\"kind\":\"home\"}";
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the service decides the refusal from the headers alone, before the body
            Thread.sleep(300);
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String refusal = readResponse(in);
            assertThat(refusal).startsWith("HTTP/1.1 " + status);
            assertThat(refusal.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");

            out.write("GET /.well-known/openid-configuration HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("the next request on the same connection").startsWith("HTTP/1.1 200");
        }
    }

    /** One response: its head, and its body as long as its length or its chunks say. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readLine(in);
        String line;
        int length = 0;
        boolean chunked = false;
        while (!(line = readLine(in)).isEmpty()) {
            head += "\r\n" + line;
            String header = line.toLowerCase(Locale.ROOT);
            if (header.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
            chunked |= header.startsWith("transfer-encoding:") && header.contains("chunked");
        }
        if (!chunked) {
            in.readNBytes(length);
            return head;
        }
        int chunk;
        while ((chunk = Integer.parseInt(readLine(in).trim(), 16)) > 0) {
            in.readNBytes(chunk);
            readLine(in);
        }
        readLine(in);
        return head;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

}
