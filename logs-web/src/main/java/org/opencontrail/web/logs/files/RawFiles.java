package org.opencontrail.web.logs.files;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.shared.http.SecurityHeaders;
import reactor.core.publisher.Flux;

/**
 * A stored file's bytes as the build wrote them ({@code .gz} files inflated, as log servers served
 * them), for tools and the raw view: streamed; the stored gzip sent as is to a client that takes
 * gzip; one byte range when asked ({@code Range: bytes=A-B}); HTML never runs in our origin
 * (served with a sandboxing Content-Security-Policy).
 */
final class RawFiles {

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");
    private static final int CHUNK = 64 * 1024;

    private RawFiles() {}

    static HttpResponse<?> serve(LogStore store, StoredObject object, HttpRequest<?> request) {
        String etag = "\"" + Long.toHexString(object.storedSize()) + "-"
                + Long.toHexString(object.lastModified().toEpochMilli()) + "\"";
        if (etag.equals(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH))) {
            return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
        }
        String type = object.contentType().startsWith("text/")
                ? object.contentType() + ";charset=utf-8"
                : object.contentType();
        String range = request.getHeaders().get(HttpHeaders.RANGE);
        String encodings = request.getHeaders()
                .get(HttpHeaders.ACCEPT_ENCODING, String.class)
                .orElse("");
        MutableHttpResponse<Flux<byte[]>> response;
        if (range != null && object.size() >= 0) {
            Matcher m = RANGE.matcher(range.strip());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return unsatisfiable(object);
            }
            long size = object.size();
            long start;
            long end;
            if (m.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(m.group(2)));
                end = size - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (start >= size || start > end) {
                return unsatisfiable(object);
            }
            response = HttpResponse.<Flux<byte[]>>status(HttpStatus.PARTIAL_CONTENT)
                    .body(bytes(() -> store.open(object.key()).orElseThrow(), start, end - start + 1))
                    .header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size)
                    .contentLength(end - start + 1);
        } else if (encodings.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            response = HttpResponse.ok(
                            bytes(() -> store.openStored(object.key()).orElseThrow(), 0, Long.MAX_VALUE))
                    .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                    .contentLength(object.storedSize());
        } else {
            response = HttpResponse.ok(bytes(() -> store.open(object.key()).orElseThrow(), 0, Long.MAX_VALUE));
            if (object.size() >= 0) {
                response.contentLength(object.size());
            }
        }
        response.contentType(type)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                // Stored files never change: the same path always holds the same bytes.
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400");
        return SecurityHeaders.storedContent(response);
    }

    private static HttpResponse<?> unsatisfiable(StoredObject object) {
        return HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header(HttpHeaders.CONTENT_RANGE, "bytes */" + object.size());
    }

    /** The bytes of a stream from {@code skip}, at most {@code limit} of them, read as the client takes them. */
    static Flux<byte[]> bytes(Callable<InputStream> open, long skip, long limit) {
        return Flux.using(
                () -> {
                    InputStream in = open.call();
                    in.skipNBytes(skip);
                    return in;
                },
                in -> {
                    long[] left = {limit};
                    return Flux.<byte[]>generate(sink -> {
                        try {
                            byte[] chunk = in.readNBytes((int) Math.min(CHUNK, left[0]));
                            if (chunk.length == 0) {
                                sink.complete();
                            } else {
                                left[0] -= chunk.length;
                                sink.next(chunk);
                            }
                        } catch (IOException e) {
                            sink.error(new UncheckedIOException(e));
                        }
                    });
                },
                in -> {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // the response is over either way
                    }
                });
    }
}
