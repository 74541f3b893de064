package org.opencontrail.web.status.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.testing.Tool;

/**
 * The Gerrit plugin ({@code src/main/resources/gerrit/opencontrail-checks.js}) is type-checked
 * against Gerrit's plugin API, npm's {@code @gerritcodereview/typescript-api}, by TypeScript in
 * strict mode: its checks provider, runs, results, actions and REST calls have the shapes Gerrit
 * expects. Both come pinned from {@code src/test/gerrit-plugin}'s lock file.
 */
class GerritPluginTypesTest {

    private static final Path TYPES = Path.of("src", "test", "gerrit-plugin").toAbsolutePath();

    @Test
    void thePluginTypeChecksAgainstGerritsPluginApi() throws IOException, InterruptedException {
        if (!Files.isDirectory(TYPES.resolve("node_modules/typescript"))
                || !Files.isDirectory(TYPES.resolve("node_modules/@gerritcodereview/typescript-api"))) {
            Tool install = Tool.run(
                    Duration.ofMinutes(5),
                    Map.of(),
                    List.of("npm", "ci", "--prefix", TYPES.toString(), "--no-audit", "--no-fund"));
            assertThat(install.exitCode())
                    .as("npm ci of TypeScript and Gerrit's plugin API: %s%s", install.output(), install.errors())
                    .isZero();
        }
        Tool check = Tool.run(
                Duration.ofMinutes(2),
                Map.of(),
                List.of(
                        "node",
                        TYPES.resolve("node_modules/typescript/bin/tsc").toString(),
                        "-p",
                        TYPES.resolve("tsconfig.json").toString()));
        assertThat(check.exitCode())
                .as("tsc: %s%s", check.output(), check.errors())
                .isZero();
    }
}
