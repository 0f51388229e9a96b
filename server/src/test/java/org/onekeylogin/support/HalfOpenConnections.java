package org.onekeylogin.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections as a flooding client holds them: plain sockets that connect and then send
 * nothing, or only the start of a request, and never finish it.
 */
public final class HalfOpenConnections implements AutoCloseable {

    private static final byte[] UNFINISHED_REQUEST = "GET /api/v1/account HTTP/1.1\r\nHost: localhost\r\n"
        .getBytes(StandardCharsets.US_ASCII);

    private final List<Socket> sockets = new ArrayList<>();

    private HalfOpenConnections() {
    }

    /**
     * Opens {@code silent} connections that send nothing and {@code unfinished} that send
     * a request line and one header, to {@code port} on this machine.
     */
    public static HalfOpenConnections open(int port, int silent, int unfinished) {
        var connections = new HalfOpenConnections();
        try {
            for (int i = 0; i < silent + unfinished; i++) {
                var socket = new Socket();
                connections.sockets.add(socket);
                socket.connect(new InetSocketAddress("localhost", port), 10_000);
                if (i >= silent) {
                    socket.getOutputStream().write(UNFINISHED_REQUEST);
                    socket.getOutputStream().flush();
                }
            }
            return connections;
        }
        catch (IOException e) {
            connections.close();
            throw new IllegalStateException("Opened only " + connections.sockets.size() + " connections", e);
        }
    }

    public int size() {
        return sockets.size();
    }

    /**
     * How many of the connections the server has closed, waiting up to {@code atMost} for
     * each; whatever it sent before closing (an error answer) is read and ignored.
     */
    public int closedByServer(Duration atMost) {
        int closed = 0;
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Socket socket : sockets) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (endsWithin(socket, (int) Math.min(left, Integer.MAX_VALUE))) {
                closed++;
            }
        }
        return closed;
    }

    private static boolean endsWithin(Socket socket, int millis) {
        try {
            socket.setSoTimeout(millis);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // an answer before the close is allowed; the close is what counts
            }
            return true;
        }
        catch (SocketTimeoutException stillOpen) {
            return false;
        }
        catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // closing what the server may already have closed
            }
        }
    }

}
