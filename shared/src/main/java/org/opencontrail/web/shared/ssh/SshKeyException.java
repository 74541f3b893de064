package org.opencontrail.web.shared.ssh;

import java.io.IOException;

/** A key or host key that cannot be used, with a message that tells an operator what to do. */
public final class SshKeyException extends IOException {

    public SshKeyException(String message) {
        super(message);
    }
}
