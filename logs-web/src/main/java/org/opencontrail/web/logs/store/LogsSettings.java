package org.opencontrail.web.logs.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where logs-web keeps what it stores and for how long.
 *
 * @param dir       the local store (when no S3 endpoint is set) and the spool for uploads in any case
 * @param retention how long a build's files are kept; 0 keeps them for ever
 * @param retentionSweep how often files older than that are looked for and removed
 * @param uploadTokens   bearer tokens that may upload and enqueue builds; none: uploads are refused
 * @param uploadTokensFile a file of more such tokens, one a line, read again when it changes
 * @param tenant    the tenant Zuul's builds API answers for when {@code zuul.tenant} names none
 */
@ConfigurationProperties("logs")
public record LogsSettings(
        @Bindable(defaultValue = "logs-data") String dir,
        @Bindable(defaultValue = "90d") Duration retention,
        @Bindable(defaultValue = "1h") Duration retentionSweep,
        @Nullable List<String> uploadTokens,
        @Nullable String uploadTokensFile,
        @Bindable(defaultValue = "") String tenant) {

    public Optional<Path> tokensFile() {
        return Optional.ofNullable(uploadTokensFile).filter(f -> !f.isBlank()).map(Path::of);
    }

    public List<String> tokens() {
        return uploadTokens == null
                ? List.of()
                : uploadTokens.stream().filter(t -> !t.isBlank()).toList();
    }
}
