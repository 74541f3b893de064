package org.opencontrail.web.shared.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.opencontrail.web.shared.io.SecretFiles;

/**
 * A client's private key as operators have them: Ed25519, ECDSA or RSA, in OpenSSH's own format or
 * in PEM (PKCS#1, SEC1, PKCS#8), optionally protected by a passphrase kept in a file of its own.
 * Read anew at every connection, so a rotated key or passphrase needs no restart.
 */
public final class ClientKeyFile {

    private final Path keyFile;
    private final Optional<Path> passphraseFile;

    public ClientKeyFile(Path keyFile, Optional<Path> passphraseFile) {
        this.keyFile = keyFile;
        this.passphraseFile = passphraseFile;
    }

    /** The key pairs in the file; a clear {@link SshKeyException} when they cannot be read. */
    public List<KeyPair> load() throws SshKeyException {
        Optional<String> passphrase = passphrase();
        AtomicBoolean asked = new AtomicBoolean();
        FilePasswordProvider password = new FilePasswordProvider() {
            @Override
            public String getPassword(SessionContext session, NamedResource resource, int retryIndex) {
                asked.set(true);
                return passphrase.orElse(null);
            }
        };
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(keyFile)) {
            SecurityUtils.loadKeyPairIdentities(null, keyFile::toString, in, password)
                    .forEach(keys::add);
        } catch (NoSuchFileException e) {
            throw new SshKeyException("the key file " + keyFile + " does not exist");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (asked.get() && passphrase.isEmpty()) {
                throw new SshKeyException(
                        "the key file " + keyFile + " is protected by a passphrase: name a file holding it in "
                                + "gerrit.ssh.key-passphrase-file");
            }
            if (asked.get()) {
                throw new SshKeyException("the key file " + keyFile + " could not be decrypted with the passphrase in "
                        + passphraseFile.orElseThrow() + " (a wrong passphrase?): " + e.getMessage());
            }
            throw new SshKeyException("the key file " + keyFile
                    + " is not a private key this client reads (OpenSSH or PEM; " + "Ed25519, ECDSA or RSA): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (keys.isEmpty()) {
            throw new SshKeyException("the key file " + keyFile + " holds no private key");
        }
        return keys;
    }

    /** The passphrase file's content without its line end (as {@code echo} writes it). */
    private Optional<String> passphrase() throws SshKeyException {
        if (passphraseFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecretFiles.read(passphraseFile.get()));
        } catch (IOException e) {
            throw new SshKeyException(
                    "the passphrase file " + passphraseFile.get() + " cannot be read: " + e.getMessage());
        }
    }
}
