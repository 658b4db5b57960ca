package io.pacer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks loopback ports the OS reports free. Servers whose configuration must name their port up front
 * (a KRaft voter, redis-server) need one; the small race until they bind is handled by their callers retrying.
 */
final class FreePorts {

    private FreePorts() {}

    /** Returns {@code count} distinct free ports, held open together so none is handed out twice. */
    static int[] pick(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    /** Returns one free port. */
    static int pick() {
        return pick(1)[0];
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was bound to it for long; the OS reclaims it
        }
    }
}
