package org.opencontrail.web.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** The settings that give an app under test a store of its own, in a new temporary folder. */
public final class TemporaryLogsDir {

    private TemporaryLogsDir() {}

    public static Map<String, String> properties(String prefix) {
        try {
            return Map.of("logs.dir", Files.createTempDirectory(prefix).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
