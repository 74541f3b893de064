package org.opencontrail.web.shared.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A secret kept in a file of its own (a passphrase, a password), as Kubernetes Secrets and operators write them. */
public final class SecretFiles {

    private SecretFiles() {}

    /** The file's text without its one line end, so that {@code echo secret > file} writes what is meant. */
    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\r?\n\\z", "");
    }
}
