package org.opencontrail.web.logs.ingest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import org.opencontrail.web.logs.store.LogsSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Checks the bearer token of an upload or an enqueue against {@code logs.upload-tokens}. */
@Singleton
public final class UploadTokens {

    private final List<byte[]> tokens;

    UploadTokens(LogsSettings settings) {
        this.tokens = settings.tokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Returns when the request carries a configured token; else a 403 (none configured) or 401 with the reason. */
    public void check(HttpRequest<?> request) {
        if (tokens.isEmpty()) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "uploads are off: no logs.upload-tokens are configured");
        }
        String header = request.getHeaders().getAuthorization().orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "an Authorization: Bearer token is needed");
        }
        if (!anyEqual(tokens, header.substring(7).strip())) {
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "the token is not one of logs.upload-tokens");
        }
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
