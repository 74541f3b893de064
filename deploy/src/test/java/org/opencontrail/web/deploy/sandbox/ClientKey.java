package org.opencontrail.web.deploy.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/** A client key pair written as an OpenSSH private key file, as a Gerrit user would have. */
record ClientKey(KeyPair pair, Path file) {

    static ClientKey generate(Path dir) throws IOException, GeneralSecurityException {
        Path file = dir.resolve("id_ed25519");
        return new ClientKey(SshKeys.generate(file, "suite-test"), file);
    }
}
