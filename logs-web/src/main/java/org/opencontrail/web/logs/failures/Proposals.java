package org.opencontrail.web.logs.failures;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.store.LogsSettings;
import org.opencontrail.web.logs.store.UploadTokens;

/**
 * Signatures proposed from the web, waiting for review: anyone may propose one (it is checked and
 * its matches shown), only a reviewer's token makes it a known failure. Kept as YAML files in
 * {@code logs.dir/signature-proposals}, so a stop loses none.
 */
@Singleton
public final class Proposals {

    private final Path dir;
    private final Signatures signatures;
    private final List<byte[]> reviewers;
    private final UploadTokens uploaders;

    Proposals(LogsSettings logs, SignatureSettings settings, Signatures signatures, UploadTokens uploaders) {
        this.dir = Path.of(logs.dir(), "signature-proposals");
        this.signatures = signatures;
        List<String> tokens = settings.reviewTokens() == null ? List.of() : settings.reviewTokens();
        this.reviewers = tokens.stream()
                .filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toList();
        this.uploaders = uploaders;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir, e);
        }
    }

    /** Checks and keeps a proposal; throws with the reason when it is not a runnable signature. */
    public void propose(Signature signature) throws BadQuery, IOException {
        signature.checkId();
        if (signatures.get(signature.id()).isPresent()) {
            throw new IllegalArgumentException("a known failure " + signature.id() + " exists already");
        }
        signatures.compile(signature);
        Files.writeString(dir.resolve(signature.id() + ".yaml"), signature.yaml(), StandardCharsets.UTF_8);
    }

    public List<Signature> all() {
        List<Signature> proposals = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString();
                proposals.add(Signature.parse(
                        name.substring(0, name.length() - 5), Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return proposals;
    }

    public Optional<Signature> get(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Whether a token is a reviewer's: one of the review tokens or, when none is set, of the upload tokens. */
    public boolean reviewer(String token) {
        List<byte[]> known = reviewers.isEmpty() ? uploaders.current() : reviewers;
        return token != null && !known.isEmpty() && UploadTokens.anyEqual(known, token.strip());
    }

    /** Makes a proposal a known failure. */
    public void accept(String id) throws IOException {
        Signature signature = get(id).orElseThrow(() -> new IllegalArgumentException("no proposal " + id));
        signatures.save(signature);
        Files.deleteIfExists(dir.resolve(id + ".yaml"));
    }

    public void reject(String id) throws IOException {
        if (!Files.deleteIfExists(dir.resolve(id.replaceAll("[^A-Za-z0-9._-]", "") + ".yaml"))) {
            throw new IllegalArgumentException("no proposal " + id);
        }
    }
}
