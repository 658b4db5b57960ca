package io.pacer.monitor.collect;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection to a Redis server speaking RESP2 — the few commands the redis collector sends, read strictly so that
 * a reply that is not RESP (or is cut short) fails with a sample of the bytes that arrived, which a client library
 * would hide behind its own decoder. Not thread-safe: one collector's connection.
 */
final class RespConnection implements AutoCloseable {
    private static final int MAX_BULK = 64 << 20;
    private static final int EXCERPT_BYTES = 256;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    /** A server's error reply ({@code -ERR ...}). */
    static final class ErrorReply extends IOException {
        ErrorReply(String message) {
            super(message);
        }
    }

    RespConnection(HostPort address, int timeoutMillis) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command and reads its reply: a {@code String} (simple or bulk), a {@code Long}, a {@code List} of
     * replies, or null (nil).
     *
     * @throws ErrorReply for an error reply
     * @throws IOException when the reply is not RESP or is cut short, naming the command and showing what arrived
     */
    Object call(String... command) throws IOException {
        StringBuilder b = new StringBuilder().append('*').append(command.length).append("\r\n");
        for (String arg : command) {
            b.append('$')
                    .append(arg.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(arg)
                    .append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        seen.reset();
        try {
            return reply();
        } catch (ErrorReply e) {
            throw e;
        } catch (EOFException e) {
            throw new IOException(String.join(" ", command) + ": the reply was cut short (" + e.getMessage()
                    + "); what arrived: " + arrived());
        } catch (IOException e) {
            if (e instanceof java.net.SocketTimeoutException) {
                throw new IOException(
                        String.join(" ", command) + ": no complete reply within " + socket.getSoTimeout()
                                + " ms; what arrived: " + arrived(),
                        e);
            }
            throw new IOException(String.join(" ", command) + ": " + e.getMessage() + "; what arrived: " + arrived());
        }
    }

    private Object reply() throws IOException {
        int type = read();
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply("Redis error: " + line);
            case ':':
                return integer(line);
            case '$': {
                long length = integer(line);
                if (length < 0) {
                    return null;
                }
                if (length > MAX_BULK) {
                    throw new IOException("a bulk string of " + length + " bytes is more than a monitor reads");
                }
                byte[] bytes = new byte[(int) length];
                for (int i = 0; i < length; i++) {
                    bytes[i] = (byte) read();
                }
                if (read() != '\r' || read() != '\n') {
                    throw new IOException("a bulk string is longer than its declared " + length + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                long count = integer(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    items.add(reply());
                }
                return items;
            }
            default:
                throw new IOException("not a RESP reply (a reply starts with one of + - : $ *)");
        }
    }

    private long integer(String line) throws IOException {
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new IOException("'" + line + "' is not a RESP integer");
        }
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = read();
            if (c == '\r') {
                if (read() != '\n') {
                    throw new IOException("a CR not followed by LF");
                }
                return b.toString();
            }
            if (b.length() > 65_536) {
                throw new IOException("a line longer than 64 KiB");
            }
            b.append((char) c);
        }
    }

    private int read() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("the server closed the connection after " + seen.size() + " bytes");
        }
        if (seen.size() < EXCERPT_BYTES) {
            seen.write(c);
        }
        return c;
    }

    private String arrived() {
        return Failures.excerpt(seen.toByteArray(), seen.size());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
