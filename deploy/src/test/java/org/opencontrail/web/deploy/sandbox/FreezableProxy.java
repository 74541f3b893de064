package org.opencontrail.web.deploy.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback whose open connections can be frozen: sockets stay open, nothing passes
 * either way. That is the half-dead connection of a server that "stops responding after a day".
 */
public final class FreezableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Relay> relays = new CopyOnWriteArrayList<>();

    public FreezableProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Freezes every connection open now; later connections pass. */
    public void freezeOpenConnections() {
        relays.forEach(relay -> relay.frozen = true);
    }

    /** Closes every connection open now, as a restarting proxy or a dropped network does; later connections pass. */
    public void cutOpenConnections() {
        for (Relay relay : relays) {
            relay.close();
            relays.remove(relay);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                Relay relay = new Relay(client, server);
                relays.add(relay);
                relay.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Relay relay : relays) {
            relay.close();
        }
    }

    private static final class Relay {
        final Socket client;
        final Socket server;
        volatile boolean frozen;

        Relay(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server);
            pump(server, client);
        }

        private void pump(Socket from, Socket to) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[8192];
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            int n;
                            while ((n = in.read(buffer)) >= 0) {
                                while (frozen) {
                                    Thread.sleep(50); // frozen: the bytes are held, looked at again now and then
                                }
                                out.write(buffer, 0, n);
                                out.flush();
                            }
                        } catch (IOException | InterruptedException e) {
                            close();
                        }
                    },
                    "proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void close() {
            try {
                client.close();
                server.close();
            } catch (IOException ignored) {
                // closing both ends is all that is left to do
            }
        }
    }
}
