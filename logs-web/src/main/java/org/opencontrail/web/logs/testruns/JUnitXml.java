package org.opencontrail.web.logs.testruns;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JUnit XML as Jenkins, Maven's Surefire, pytest and {@code subunit2junitxml} write it:
 * {@code testsuites}/{@code testsuite}/{@code testcase} with {@code classname}, {@code name} and
 * {@code time}, a {@code failure} or {@code error} child for a failure and {@code skipped} for a skip.
 * A test's id is {@code classname.name}, as subunit names it. Streamed (StAX): a file of millions of
 * tests is read in bounded memory. DTDs and external entities are off, so a file cannot make the
 * reader fetch or expand anything.
 */
public final class JUnitXml {

    private final XMLInputFactory factory;
    private final String file;

    public JUnitXml(String file) {
        this.file = file;
        this.factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    }

    /**
     * Reads the file's tests into {@code sink}; a file that is not JUnit XML (another root element)
     * gives none. A test's start is its suite's {@code timestamp} plus the times of the tests before
     * it, when the suite has one.
     */
    public ReadCounts read(InputStream in, Consumer<TestResult> sink) {
        long results = 0;
        boolean junit = false;
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            boolean root = true;
            Instant clock = null;
            String testId = null;
            double seconds = -1;
            TestStatus status = TestStatus.SUCCESS;
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT
                        && xml.getEventType() != XMLStreamConstants.END_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                if (xml.getEventType() == XMLStreamConstants.END_ELEMENT) {
                    if ("testcase".equals(name) && testId != null) {
                        Optional<Instant> start = Optional.ofNullable(clock);
                        Optional<Double> took = seconds >= 0 ? Optional.of(seconds) : Optional.empty();
                        Optional<Instant> stop = start.flatMap(s -> took.map(t -> s.plusMillis(Math.round(t * 1000))));
                        sink.accept(new TestResult(testId, status, start, stop, took, file, 0));
                        results++;
                        clock = stop.orElse(clock);
                        testId = null;
                    }
                    continue;
                }
                if (root) {
                    root = false;
                    if (!"testsuites".equals(name) && !"testsuite".equals(name)) {
                        return ReadCounts.NONE;
                    }
                    junit = true;
                }
                switch (name) {
                    case "testsuite" ->
                        clock = timestamp(xml.getAttributeValue(null, "timestamp"))
                                .orElse(null);
                    case "testcase" -> {
                        String className = xml.getAttributeValue(null, "classname");
                        String testName = xml.getAttributeValue(null, "name");
                        testId = testName == null
                                ? null
                                : className == null || className.isBlank() ? testName : className + "." + testName;
                        seconds = seconds(xml.getAttributeValue(null, "time"));
                        status = TestStatus.SUCCESS;
                    }
                    case "failure", "error" -> status = TestStatus.FAIL;
                    case "skipped" -> status = status == TestStatus.SUCCESS ? TestStatus.SKIP : status;
                    default -> {
                        // properties, system-out... say nothing of the result
                    }
                }
            }
            return new ReadCounts(results, 0, false, "");
        } catch (XMLStreamException e) {
            if (!junit) {
                return ReadCounts.NONE; // XML of another kind, or not XML: not a result file
            }
            boolean ended = e.getMessage() != null && e.getMessage().contains("end of file");
            return new ReadCounts(results, 1, ended, "not well-formed XML: " + e.getMessage());
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing left to read
                }
            }
        }
    }

    private static double seconds(String time) {
        if (time == null || time.isBlank()) {
            return -1;
        }
        try {
            double value = Double.parseDouble(time.strip().replace(",", ""));
            return value >= 0 && Double.isFinite(value) ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A suite's timestamp: ISO 8601 with or without an offset (without one, UTC). */
    private static Optional<Instant> timestamp(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
