package org.opencontrail.web.logs.failures;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.search.QueryLanguage;
import org.opencontrail.web.logs.search.SearchFields;
import org.opencontrail.web.logs.store.LogsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known failures' signatures, read from {@code logs.signatures.dir} and read again when a file
 * there is added, changed or removed. A file that is not a signature, or whose query does not
 * parse, is kept aside with the reason (shown on /failures), and the others still run.
 */
@Singleton
public final class Signatures {

    private static final Logger LOG = LoggerFactory.getLogger(Signatures.class);

    /**
     * A signature ready to run.
     *
     * @param signature the signature
     * @param query     its query, with {@code voting:1} unless it allows non-voting jobs
     * @param tests     when it names tests: a line saying one of them failed, else null
     */
    public record Compiled(Signature signature, QueryLanguage.Parsed query, QueryLanguage.Parsed tests) {}

    /** A file that could not be read as a signature. */
    public record Problem(String file, String reason) {}

    private final Path dir;
    private final String bugUrl;
    private final QueryLanguage language;
    private final ApplicationEventPublisher<SignaturesChanged> events;
    private volatile List<Compiled> compiled = List.of();
    private volatile List<Problem> problems = List.of();
    private String seen = "";

    Signatures(
            SignatureSettings settings,
            LogsSettings logs,
            QueryLanguage language,
            ApplicationEventPublisher<SignaturesChanged> events) {
        this.dir = settings.dir() == null || settings.dir().isBlank()
                ? Path.of(logs.dir(), "signatures")
                : Path.of(settings.dir());
        this.language = language;
        this.events = events;
        this.bugUrl = settings.bugUrl();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the signatures folder " + dir, e);
        }
        reload(false);
    }

    public Path dir() {
        return dir;
    }

    /** The bug a signature's id names: only ids that are bug numbers do. */
    public String bugUrl(String id) {
        return id.matches("\\d{4,9}") && bugUrl != null && !bugUrl.isBlank() ? bugUrl.replace("{id}", id) : "";
    }

    public List<Compiled> all() {
        return compiled;
    }

    public List<Problem> problems() {
        return problems;
    }

    public java.util.Optional<Compiled> get(String id) {
        return compiled.stream().filter(c -> c.signature().id().equals(id)).findFirst();
    }

    @Scheduled(fixedDelay = "${logs.signatures.reload:5s}", initialDelay = "${logs.signatures.reload:5s}")
    void poll() {
        reload(true);
    }

    /** Reads the folder again if anything in it changed; returns whether it did. */
    public synchronized boolean reload(boolean announce) {
        List<Path> files;
        String state;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
            StringBuilder fingerprint = new StringBuilder();
            for (Path file : files) {
                fingerprint
                        .append(file.getFileName())
                        .append(':')
                        .append(Files.size(file))
                        .append(':')
                        .append(Files.getLastModifiedTime(file).toMillis())
                        .append(';');
            }
            state = fingerprint.toString();
        } catch (IOException e) {
            LOG.warn("Cannot read the signatures folder {}: {}", dir, e.toString());
            return false;
        }
        if (state.equals(seen)) {
            return false;
        }
        seen = state;
        List<Compiled> loaded = new ArrayList<>();
        List<Problem> failed = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - ".yaml".length());
            try {
                loaded.add(compile(Signature.parse(id, Files.readString(file, StandardCharsets.UTF_8))));
            } catch (IllegalArgumentException | IOException e) {
                failed.add(new Problem(name, e.getMessage()));
            } catch (BadQuery e) {
                failed.add(new Problem(
                        name,
                        "the query does not parse" + (e.position() >= 0 ? " at " + e.position() : "") + ": "
                                + e.getMessage()));
            }
        }
        compiled = List.copyOf(loaded);
        problems = List.copyOf(failed);
        LOG.info(
                "Read {} signatures from {}{}",
                loaded.size(),
                dir,
                failed.isEmpty()
                        ? ""
                        : "; " + failed.size() + " could not be read: "
                                + failed.stream().map(Problem::file).collect(Collectors.joining(", ")));
        if (announce) {
            events.publishEvent(new SignaturesChanged(loaded.size()));
        }
        return true;
    }

    /** Checks a signature and makes it runnable. */
    public Compiled compile(Signature signature) throws BadQuery {
        QueryLanguage.Parsed query = language.parse(signature.query());
        if (!signature.allowNonvoting()) {
            // the query as written, checked alone first so that a mistake is shown where the author made it
            query = language.parse("(" + signature.query() + ") AND " + SearchFields.VOTING + ":1");
        }
        QueryLanguage.Parsed tests = null;
        if (!signature.testIds().isEmpty()) {
            String ids = signature.testIds().stream()
                    .map(t -> "message:\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(" OR "));
            tests = language.parse("(" + ids + ") AND (message:FAIL OR message:FAILED OR message:ERROR)");
        }
        return new Compiled(signature, query, tests);
    }

    /** Writes a signature to the folder (replacing one of that id) and reads the folder again. */
    public void save(Signature signature) throws IOException {
        signature.checkId();
        Path target = dir.resolve(signature.id() + ".yaml");
        Path temp = dir.resolve("." + signature.id() + ".yaml.tmp");
        Files.writeString(temp, signature.yaml(), StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        reload(true);
    }
}
