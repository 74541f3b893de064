package org.opencontrail.web.logs.store;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.io.ChangingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the bearer token of an upload or an enqueue against {@code logs.upload-tokens} and the
 * lines of {@code logs.upload-tokens-file}. The file is read again when it changes, so a token is
 * added or revoked without a restart (a Kubernetes Secret update, a pushed file).
 */
@Singleton
public final class UploadTokens {

    private static final Logger LOG = LoggerFactory.getLogger(UploadTokens.class);

    private final List<byte[]> configured;
    private final Optional<ChangingFile<List<byte[]>>> file;

    UploadTokens(LogsSettings settings) {
        this.configured = bytes(settings.tokens());
        this.file = settings.tokensFile().map(path -> new ChangingFile<>(path, UploadTokens::parse));
    }

    /** Returns when the request carries a known token; else a 403 (none configured), a 401 with the reason or a 503. */
    public void check(HttpRequest<?> request) {
        List<byte[]> tokens = current();
        if (tokens.isEmpty()) {
            throw new HttpStatusException(
                    HttpStatus.FORBIDDEN, "uploads are off: no logs.upload-tokens are configured");
        }
        String header = request.getHeaders().getAuthorization().orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "an Authorization: Bearer token is needed");
        }
        if (!anyEqual(tokens, header.substring(7).strip())) {
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "the token is not one of logs.upload-tokens");
        }
    }

    /** The tokens known now: the configured ones and the file's as it is now. */
    public List<byte[]> current() {
        if (file.isEmpty()) {
            return configured;
        }
        List<byte[]> tokens = new ArrayList<>(configured);
        try {
            tokens.addAll(file.get().get());
        } catch (IOException e) {
            // no token of an unreadable file is trusted: uploads wait for the file, they are not let through
            LOG.warn("Cannot read the upload tokens file {}: {}", file.get().path(), e.toString());
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the upload tokens file cannot be read");
        }
        return tokens;
    }

    /** One token a line; blank lines and lines starting with # are left out. */
    private static List<byte[]> parse(Path path) throws IOException {
        return bytes(Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList());
    }

    private static List<byte[]> bytes(List<String> tokens) {
        return tokens.stream()
                .filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** Whether a given token is one of {@code tokens}, compared in constant time: no token leaks by timing. */
    public static boolean anyEqual(List<byte[]> tokens, String given) {
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] token : tokens) {
            known |= MessageDigest.isEqual(token, bytes);
        }
        return known;
    }
}
