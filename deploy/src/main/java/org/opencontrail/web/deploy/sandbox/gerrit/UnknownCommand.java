package org.opencontrail.web.deploy.sandbox.gerrit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** Any command but stream-events: refused the way Gerrit refuses, on stderr with exit 1. */
final class UnknownCommand implements Command {

    private final String command;
    private OutputStream err;
    private ExitCallback exit;

    UnknownCommand(String command) {
        this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {}

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        err.write(("fatal: " + command.split("\\s+")[0] + ": not found\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(1);
    }

    @Override
    public void destroy(ChannelSession channel) {}
}
