package org.opencontrail.web.deploy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md is where a reader finds a feature: the module, then the package, then the class. So that
 * it stays true as the code moves, every package of main code must have a row in its module's table
 * of packages, and every class those tables name must exist.
 */
class DesignDocTest {

    private static final Path ROOT =
            Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final Path BASE = Path.of("src", "main", "java", "org", "opencontrail", "web");
    private static final String TOP = "(top)";
    /** The heading of a module's table: {@code ### logs-web: `org.opencontrail.web.logs`}. */
    private static final Pattern MODULE = Pattern.compile("^### ([a-z][a-z-]*): `org\\.opencontrail\\.web\\.");
    /** A row's first cell: {@code (top)} or a package in backticks. */
    private static final Pattern FIRST_CELL = Pattern.compile("^\\| *(\\(top\\)|`([a-z][a-z0-9.]*)`) *\\|");
    /** A class in backticks, maybe with a nested type or a member after it ({@code GerritEvent.Unknown}). */
    private static final Pattern CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]*)((\\.[A-Za-z][A-Za-z0-9]*)*)`");

    private static final Pattern DOT = Pattern.compile("\\.");

    @Test
    void everyPackageOfMainCodeHasARowInItsModulesTable() throws IOException {
        Map<String, Set<String>> rows = packageRows();
        Map<String, Set<String>> packages = mainPackages();
        List<String> missing = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        packages.forEach((module, names) -> names.stream()
                .filter(name -> !rows.getOrDefault(module, Set.of()).contains(name))
                .forEach(name -> missing.add(module + ": " + name)));
        rows.forEach((module, named) -> named.stream()
                .filter(name -> !packages.getOrDefault(module, Set.of()).contains(name))
                .forEach(name -> gone.add(module + ": " + name)));

        assertSoftly(softly -> {
            softly.assertThat(missing)
                    .as("packages of main code without a row in their module's table in DESIGN.md (### MODULE: ...)")
                    .isEmpty();
            softly.assertThat(gone)
                    .as("rows of DESIGN.md's package tables that name no package of main code")
                    .isEmpty();
        });
    }

    @Test
    void everyClassTheTablesOfPackagesNameExists() throws IOException {
        Map<String, List<Path>> sources = javaFiles();
        Set<String> unknown = new TreeSet<>();
        for (String row : tableRows()) {
            Matcher named = CLASS.matcher(row);
            while (named.find()) {
                List<Path> files = sources.getOrDefault(named.group(1), List.of());
                List<String> members = named.group(2).isEmpty()
                        ? List.of()
                        : List.of(DOT.split(named.group(2).substring(1)));
                if (!anyHoldsAll(files, members)) {
                    unknown.add(named.group(0));
                }
            }
        }

        assertThat(unknown)
                .as("classes DESIGN.md's package tables name that no .java file is (or holds)")
                .isEmpty();
    }

    /** Each module's packages as its table names them: below the module's own package, that one as (top). */
    private static Map<String, Set<String>> packageRows() throws IOException {
        Map<String, Set<String>> rows = new TreeMap<>();
        String module = null;
        for (String line : Files.readAllLines(ROOT.resolve("DESIGN.md"))) {
            Matcher heading = MODULE.matcher(line);
            Matcher cell = FIRST_CELL.matcher(line);
            if (heading.find()) {
                module = heading.group(1);
                rows.putIfAbsent(module, new TreeSet<>());
            } else if (line.startsWith("#")) {
                module = null;
            } else if (module != null && cell.find()) {
                rows.get(module).add(cell.group(2) == null ? TOP : cell.group(2));
            }
        }
        return rows;
    }

    /** The rows of every module's table of packages. */
    private static List<String> tableRows() throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inModule = false;
        for (String line : Files.readAllLines(ROOT.resolve("DESIGN.md"))) {
            if (MODULE.matcher(line).find()) {
                inModule = true;
            } else if (line.startsWith("#")) {
                inModule = false;
            } else if (inModule && FIRST_CELL.matcher(line).find()) {
                rows.add(line);
            }
        }
        return rows;
    }

    /** Per module, every folder of main code that holds a .java file, as a package below the module's own. */
    private static Map<String, Set<String>> mainPackages() throws IOException {
        Map<String, Set<String>> packages = new TreeMap<>();
        List<Path> modules;
        try (Stream<Path> children = Files.list(ROOT)) {
            modules = children.filter(m -> Files.isDirectory(m.resolve(BASE))).toList();
        }
        for (Path module : modules) {
            List<Path> own;
            try (Stream<Path> children = Files.list(module.resolve(BASE))) {
                own = children.filter(Files::isDirectory).toList();
            }
            assertThat(own)
                    .as(module.getFileName() + " has one package below org.opencontrail.web")
                    .hasSize(1);
            Set<String> names = new TreeSet<>();
            List<Path> folders;
            try (Stream<Path> walk = Files.walk(own.get(0))) {
                folders = walk.filter(Files::isDirectory).toList();
            }
            for (Path folder : folders) {
                if (holdsJava(folder)) {
                    String relative = own.get(0).relativize(folder).toString().replace('/', '.');
                    names.add(relative.isEmpty() ? TOP : relative);
                }
            }
            packages.put(module.getFileName().toString(), names);
        }
        return packages;
    }

    private static boolean holdsJava(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f));
        }
    }

    /** Every .java file of the repository by its class name; build output and hidden folders left out. */
    private static Map<String, List<Path>> javaFiles() throws IOException {
        Map<String, List<Path>> files = new TreeMap<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.equals(ROOT) ? "" : dir.getFileName().toString();
                boolean skip = name.startsWith(".") || name.equals("target") || name.equals("node_modules");
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (name.endsWith(".java")) {
                    String type = name.substring(0, name.length() - ".java".length());
                    files.computeIfAbsent(type, t -> new ArrayList<>()).add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** Whether one of the files names every member (a nested type, a method); with none, whether there is a file. */
    private static boolean anyHoldsAll(List<Path> files, List<String> members) throws IOException {
        for (Path file : files) {
            String text = Files.readString(file);
            boolean all = true;
            for (String member : members) {
                all &= Pattern.compile("\\b" + Pattern.quote(member) + "\\b")
                        .matcher(text)
                        .find();
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
