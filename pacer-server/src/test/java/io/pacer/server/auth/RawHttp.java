package io.pacer.server.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client would send: any bytes, then half-close, then read
 * whatever the server answers until it closes. One connection per request, closed before returning.
 */
final class RawHttp {

    /** What came back: the status (0 when the server closed without answering) and the raw response. */
    record Answer(int status, String raw) {}

    private RawHttp() {}

    static Answer send(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may close early (e.g. after answering 413 or 431 before the body): read what it said.
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                    if (response.size() > 1 << 20) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new IOException(
                        "no complete answer within " + timeoutMillis + " ms; so far: "
                                + response.toString(StandardCharsets.ISO_8859_1),
                        e);
            } catch (IOException e) {
                // A reset after the answer was written: keep what arrived.
            }
            String raw = response.toString(StandardCharsets.ISO_8859_1);
            return new Answer(status(raw), raw);
        }
    }

    static Answer send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.UTF_8), 20_000);
    }

    /** The final status: interim 1xx answers (100 Continue) are skipped. */
    private static int status(String raw) {
        int at = 0;
        while (raw.startsWith("HTTP/1.", at)) {
            int sp = raw.indexOf(' ', at);
            int status;
            try {
                status = Integer.parseInt(raw.substring(sp + 1, sp + 4));
            } catch (RuntimeException e) {
                return 0;
            }
            int end = raw.indexOf("\r\n\r\n", at);
            if (status >= 200 || end < 0) {
                return status;
            }
            at = end + 4;
        }
        return 0;
    }
}
