package io.wahub.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A deliberately minimal HTTP/1.1 client for load generation: keep-alive sockets in a pool, requests built beforehand
 * and written as bytes in one go, responses read by Content-Length (or chunks). The JDK's HttpClient costs several
 * times more CPU per request, and on a two-core machine every cycle the load generator burns is taken from the hub
 * being measured.
 */
final class RawHttp {

    private final String host;
    private final int port;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * A whole POST request — request line, headers (the given {@code "Name: value"} lines), body — as the bytes
     * {@link #send} writes, so a load generator can build its requests before the clock starts.
     */
    byte[] post(String path, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nContent-Length: ").append(body.length)
                .append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Writes a request built by {@link #post} on a pooled keep-alive connection; returns the status code. */
    int send(byte[] request) throws IOException {
        Connection pooled = idle.poll();
        if (pooled != null) {
            try {
                return exchange(pooled, request);
            } catch (IOException staleKeepAlive) {
                // the server closed an idle keep-alive connection: retry once on a fresh one
            }
        }
        return exchange(new Connection(new Socket(host, port)), request);
    }

    private int exchange(Connection connection, byte[] request) throws IOException {
        try {
            connection.out.write(request);
            connection.out.flush();
            int status = connection.readResponse();
            if (connection.closeAfterResponse) {
                connection.socket.close();
            } else {
                idle.add(connection);
            }
            return status;
        } catch (IOException e) {
            connection.socket.close();
            throw e;
        }
    }

    void close() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            try {
                connection.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        boolean closeAfterResponse;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        int readResponse() throws IOException {
            String statusLine = readLine();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            String line;
            while (!(line = readLine()).isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(line.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && line.toLowerCase().contains("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && line.toLowerCase().contains("close")) {
                    closeAfterResponse = true;
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(readLine().trim(), 16)) > 0) {
                    in.skipNBytes(size);
                    readLine();
                }
                readLine();
            } else {
                in.skipNBytes(length);
            }
            return status;
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
