package org.opencontrail.web.deploy.sandbox.gerrit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** One client's {@code gerrit stream-events}: lines written as events come, until it leaves. */
final class EventStreamCommand implements Command {

    private final Set<EventStreamCommand> streams;
    private final List<String> types;
    private OutputStream out;
    private ExitCallback exit;

    EventStreamCommand(Set<EventStreamCommand> streams, List<String> types) {
        this.streams = streams;
        this.types = types;
    }

    /** The values of every {@code -s TYPE} in the command's arguments. */
    static List<String> typesOf(List<String> args) {
        List<String> types = new ArrayList<>();
        for (int i = 2; i < args.size() - 1; i++) {
            if (args.get(i).equals("-s") || args.get(i).equals("--subscribe")) {
                types.add(args.get(i + 1));
            }
        }
        return List.copyOf(types);
    }

    void send(String type, String jsonLine) {
        if (!types.isEmpty() && !types.contains(type)) {
            return;
        }
        sendBytes((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                streams.remove(this);
                exit.onExit(1, "client gone");
            }
        }
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        streams.add(this);
    }

    @Override
    public void destroy(ChannelSession channel) {
        streams.remove(this);
    }
}
