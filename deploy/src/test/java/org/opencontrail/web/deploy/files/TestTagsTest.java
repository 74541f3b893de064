package org.opencontrail.web.deploy.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast loop ({@code ./suite test --fast}) leaves out the tests tagged as starting real servers or
 * whole suites. A test that starts one without its tag would slow the loop for everyone, unnoticed:
 * every test class that uses a launcher of such a server carries the launcher's tag.
 */
class TestTagsTest {

    private static final Path ROOT =
            Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();

    /** What starts a server the fast loop leaves out, and the tag of the tests that use it. */
    private static final Map<Pattern, String> LAUNCHERS = new LinkedHashMap<>();

    static {
        LAUNCHERS.put(Pattern.compile("\\b(KafkaBroker|LocalZooKeeper)\\b"), "kafka");
        LAUNCHERS.put(Pattern.compile("\\b(OpenSearchNodes|SharedOpenSearch)\\b"), "opensearch");
        LAUNCHERS.put(Pattern.compile("\\bS3ProxyServer\\b"), "s3");
        LAUNCHERS.put(Pattern.compile("\\b(PostgresServer|OnePostgres)\\b"), "postgres");
        LAUNCHERS.put(Pattern.compile("\\b(RealGerrit|GerritLauncher)\\b"), "gerrit");
        LAUNCHERS.put(Pattern.compile("\\b(ChromeDriver|Chromium\\.start)\\b"), "browser");
        LAUNCHERS.put(Pattern.compile("\\bLocalPodman\\b"), "podman");
        LAUNCHERS.put(
                Pattern.compile("\\b(SandboxedSuite|LocalSuite|SandboxGerrit|new Sandbox|JarProcess)\\b"), "suite");
    }

    /** The tags pom.xml's profile "fast" leaves out. */
    private static final List<String> SLOW_TAGS =
            List.of("gerrit", "opensearch", "kafka", "s3", "postgres", "podman", "browser", "suite");

    private static final Pattern TAG = Pattern.compile("@Tag\\(\"([a-z0-9-]+)\"\\)");

    @Test
    void everyTestThatStartsAServerTheFastLoopLeavesOutCarriesItsTag() throws IOException {
        List<String> untagged = new ArrayList<>();
        for (Path test : testClasses()) {
            String code = withoutComments(Files.readString(test));
            List<String> tags = tags(code);
            LAUNCHERS.forEach((launcher, tag) -> {
                Matcher used = launcher.matcher(code);
                if (used.find() && !tags.contains(tag)) {
                    untagged.add(ROOT.relativize(test) + " uses " + used.group() + " without @Tag(\"" + tag + "\")");
                }
            });
        }
        assertThat(untagged).as("tests that start a server without its tag").isEmpty();
    }

    @Test
    void theFastProfileAndTheSuiteScriptLeaveOutTheSameTags() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String script = Files.readString(ROOT.resolve("suite"));
        assertThat(pom).contains("<excludedGroups>" + String.join(",", SLOW_TAGS) + "</excludedGroups>");
        assertThat(script).contains("SLOW_TAGS=\"" + String.join(", ", SLOW_TAGS) + "\"");
    }

    @Test
    void everyTagATestCarriesIsOneTheFastLoopKnows() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Path test : testClasses()) {
            for (String tag : tags(withoutComments(Files.readString(test)))) {
                if (!SLOW_TAGS.contains(tag)) {
                    unknown.add(ROOT.relativize(test) + ": @Tag(\"" + tag + "\")");
                }
            }
        }
        assertThat(unknown)
                .as("tags neither the fast loop nor CONTRIBUTING.md knows")
                .isEmpty();
    }

    private static List<Path> testClasses() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(module -> module.resolve("src/test/java"))
                    .filter(Files::isDirectory)
                    .flatMap(TestTagsTest::javaFiles)
                    .filter(file -> file.getFileName().toString().matches(".*(Test|IT)\\.java"))
                    // this test names every launcher, and starts none
                    .filter(file -> !file.getFileName().toString().equals("TestTagsTest.java"))
                    .sorted()
                    .toList();
        }
    }

    private static Stream<Path> javaFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> tags(String code) {
        List<String> tags = new ArrayList<>();
        Matcher tag = TAG.matcher(code);
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        return tags;
    }

    /** The code without its comments, so that a class named in a comment does not count as used. */
    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }
}
