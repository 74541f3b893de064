package org.opencontrail.web.logs.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A build's console from Jenkins, as Zuul v2 ran its jobs: {@code BUILD/logText/progressiveText?start=N}
 * answers the log from byte N, {@code X-Text-Size} (where the next ask starts) and
 * {@code X-More-Data: true} while the build runs. Asked again every {@code poll} while there is more
 * to come; a piece that ends inside a UTF-8 character is asked for again from that character.
 */
final class JenkinsProgressiveText implements ConsoleUpstream {

    private final HttpClient http;
    private final String build;
    private final Duration poll;
    private final Duration timeout;
    private final Receiver receiver;
    private long offset;
    private boolean closed;
    private boolean asking;

    JenkinsProgressiveText(HttpClient http, String build, Duration poll, Duration timeout, Receiver receiver) {
        this.http = http;
        this.build = build;
        this.poll = poll;
        this.timeout = timeout;
        this.receiver = receiver;
    }

    @Override
    public void connect() {
        synchronized (this) {
            if (closed || asking) {
                return;
            }
            asking = true;
        }
        ask();
    }

    private void ask() {
        long start;
        synchronized (this) {
            if (closed) {
                return;
            }
            start = offset;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(build + "logText/progressiveText?start=" + start))
                .timeout(timeout)
                .GET()
                .build();
        var unused = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        fail("could not ask Jenkins for " + build + ": " + ConsoleUpstream.message(error));
                    } else if (response.statusCode() != 200) {
                        fail("Jenkins answered " + response.statusCode() + " for " + build + "logText/progressiveText");
                    } else {
                        answered(start, response);
                    }
                });
    }

    private void answered(long start, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        int complete = completeUtf8(body);
        boolean more = response.headers()
                .firstValue("X-More-Data")
                .map("true"::equalsIgnoreCase)
                .orElse(false);
        long next = complete == body.length
                ? response.headers()
                        .firstValue("X-Text-Size")
                        .flatMap(JenkinsProgressiveText::number)
                        .filter(size -> size >= start)
                        .orElse(start + body.length)
                : start + complete;
        boolean end = !more && complete == body.length;
        synchronized (this) {
            if (closed) {
                return;
            }
            offset = next;
            closed = end;
        }
        // outside this lock (the console takes its own); asks come one at a time, so pieces keep their order
        if (complete > 0) {
            receiver.text(new String(body, 0, complete, StandardCharsets.UTF_8));
        }
        if (end) {
            receiver.ended();
            return;
        }
        CompletableFuture.delayedExecutor(complete < body.length ? 0 : poll.toMillis(), TimeUnit.MILLISECONDS)
                .execute(this::ask);
    }

    private void fail(String why) {
        boolean tell;
        synchronized (this) {
            asking = false;
            tell = !closed;
        }
        if (tell) {
            receiver.failed(why);
        }
    }

    /** How many of the bytes make whole UTF-8 characters: all but a character cut at the end. */
    static int completeUtf8(byte[] bytes) {
        int end = bytes.length;
        int lead = end - 1;
        while (lead >= 0 && lead > end - 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < 0) {
            return end;
        }
        int b = bytes[lead] & 0xFF;
        int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return end - lead >= needed ? end : lead;
    }

    private static java.util.Optional<Long> number(String text) {
        try {
            return java.util.Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
