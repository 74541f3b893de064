package org.opencontrail.web.logs.testruns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads subunit v1, the text form that stestr still keeps in its repository ({@code .stestr/N}) and
 * testrepository in its files: {@code test: ID} starts a test, {@code success:}, {@code failure:},
 * {@code error:}, {@code skip:}, {@code xfail:} or {@code uxsuccess:} ends it, {@code time:} sets the
 * clock, and an outcome's details follow in brackets (text up to a line {@code ]}, or MIME parts in
 * chunks whose byte counts are given in hexadecimal). Lines that are none of these are output the
 * tests printed, and skipped. Memory stays bounded: details are skipped, not kept.
 */
public final class SubunitText {

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    /** The longest line read whole; longer ones are output, not protocol. */
    private static final int LONGEST_LINE = 64 * 1024;

    private final String file;

    public SubunitText(String file) {
        this.file = file;
    }

    public ReadCounts read(InputStream in, Consumer<TestResult> sink) {
        StartedTests started = new StartedTests();
        Instant clock = null;
        long results = 0;
        try {
            String line;
            while ((line = line(in)) != null) {
                int colon = line.indexOf(':');
                String word = colon > 0 ? line.substring(0, colon) : firstWord(line);
                String rest = (colon > 0 ? line.substring(colon + 1) : line.substring(word.length())).strip();
                switch (word) {
                    case "time" -> clock = time(rest).orElse(clock);
                    case "test", "testing" -> {
                        started.start(rest, clock);
                    }
                    case "success", "successful", "failure", "error", "skip", "xfail", "uxsuccess" -> {
                        String id = rest;
                        if (rest.endsWith(" [ multipart")) {
                            id = rest.substring(0, rest.length() - " [ multipart".length())
                                    .strip();
                            skipParts(in);
                        } else if (rest.endsWith(" [")) {
                            id = rest.substring(0, rest.length() - 2).strip();
                            skipText(in);
                        }
                        if (id.isEmpty() || !started.running(id)) {
                            continue; // a test's output that looks like an outcome: no test of that id runs
                        }
                        sink.accept(new TestResult(
                                id,
                                status(word),
                                started.end(id),
                                Optional.ofNullable(clock),
                                Optional.empty(),
                                file,
                                0));
                        results++;
                    }
                    default -> {
                        // output of the tests, tags, progress
                    }
                }
            }
            return new ReadCounts(results, 0, false, "");
        } catch (IOException e) {
            return new ReadCounts(results, 0, true, "the stream could not be read to its end: " + e.getMessage());
        }
    }

    private static String firstWord(String line) {
        int space = line.indexOf(' ');
        return space > 0 ? line.substring(0, space) : line;
    }

    private static TestStatus status(String word) {
        return switch (word) {
            case "success", "successful" -> TestStatus.SUCCESS;
            case "skip" -> TestStatus.SKIP;
            case "xfail" -> TestStatus.XFAIL;
            case "uxsuccess" -> TestStatus.UXSUCCESS;
            default -> TestStatus.FAIL;
        };
    }

    private static Optional<Instant> time(String text) {
        String value = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        try {
            return Optional.of(LocalDateTime.parse(value.strip(), TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Text details: lines up to one that is {@code ]} alone. */
    private static void skipText(InputStream in) throws IOException {
        String line;
        while ((line = line(in)) != null && !"]".equals(line)) {
            // skipped
        }
    }

    /** MIME parts: a content type, a name, chunks (hex byte count, bytes) ending with 0; then {@code ]}. */
    private static void skipParts(InputStream in) throws IOException {
        while (true) {
            String type = line(in);
            if (type == null || "]".equals(type)) {
                return;
            }
            if (line(in) == null) { // the part's name
                return;
            }
            while (true) {
                String count = line(in);
                if (count == null) {
                    return;
                }
                long bytes;
                try {
                    bytes = Long.parseLong(count.strip(), 16);
                } catch (NumberFormatException e) {
                    return; // not chunks after all: read on as lines
                }
                if (bytes == 0) {
                    break;
                }
                try {
                    in.skipNBytes(bytes);
                } catch (java.io.EOFException e) {
                    return;
                }
            }
        }
    }

    /** A line without its end, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (bytes.size() < LONGEST_LINE) {
                bytes.write(b);
            }
        }
        if (!any) {
            return null;
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
