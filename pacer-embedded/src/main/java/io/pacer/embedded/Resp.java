package io.pacer.embedded;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The few lines of the Redis protocol (RESP2) needed to ask a server whether it is up, so this module needs no
 * Redis client library.
 */
final class Resp {

    private static final int TIMEOUT_MILLIS = 1_000;

    private Resp() {}

    /**
     * Sends one command on a fresh connection and returns the reply: a simple string, a bulk string ({@code null}
     * for nil) or an integer as text.
     *
     * @throws IOException when the server cannot be reached or answers with an error
     */
    static String call(String host, int port, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return readReply(new BufferedInputStream(socket.getInputStream()));
        }
    }

    static byte[] encode(String... args) {
        StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readReply(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        switch (type) {
            case '+':
            case ':':
                return line;
            case '-':
                throw new IOException("Redis error: " + line);
            case '$':
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(length + 2);
                return new String(data, 0, length, StandardCharsets.UTF_8);
            default:
                throw new IOException(
                        "unexpected Redis reply type " + (type < 0 ? "EOF" : String.valueOf((char) type)));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed inside a Redis reply");
            }
            line.write(c);
        }
        in.read(); // the '\n'
        return line.toString(StandardCharsets.UTF_8);
    }
}
