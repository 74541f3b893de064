package org.opencontrail.web.git.browse;

import java.util.Locale;
import java.util.Map;

/**
 * The language of a file, by name: the languages OpenContrail is written in, named as highlight.js
 * names them. The file pages highlight by it; code search's {@code lang:} filters by it.
 */
public final class Languages {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("c", "c"),
            Map.entry("h", "cpp"),
            Map.entry("cc", "cpp"),
            Map.entry("cpp", "cpp"),
            Map.entry("cxx", "cpp"),
            Map.entry("hpp", "cpp"),
            Map.entry("hh", "cpp"),
            Map.entry("py", "python"),
            Map.entry("go", "go"),
            Map.entry("java", "java"),
            Map.entry("js", "javascript"),
            Map.entry("mjs", "javascript"),
            Map.entry("ts", "typescript"),
            Map.entry("sh", "bash"),
            Map.entry("bash", "bash"),
            Map.entry("yaml", "yaml"),
            Map.entry("yml", "yaml"),
            Map.entry("json", "json"),
            Map.entry("xml", "xml"),
            Map.entry("xsd", "xml"),
            Map.entry("html", "xml"),
            Map.entry("mk", "makefile"),
            Map.entry("md", "markdown"),
            Map.entry("markdown", "markdown"),
            Map.entry("sandesh", "cpp"),
            Map.entry("css", "css"),
            Map.entry("sql", "sql"),
            Map.entry("ini", "ini"),
            Map.entry("cfg", "ini"),
            Map.entry("conf", "ini"),
            Map.entry("rb", "ruby"),
            Map.entry("pl", "perl"),
            Map.entry("lua", "lua"),
            Map.entry("rs", "rust"),
            Map.entry("diff", "diff"),
            Map.entry("patch", "diff"));
    /** Only languages of highlight.js's common bundle: another name would be shown plain anyway. */
    private static final Map<String, String> BY_NAME =
            Map.of("makefile", "makefile", "gnumakefile", "makefile", "sconscript", "python", "sconstruct", "python");

    private Languages() {}

    /** Every language a file can be given. */
    public static java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.HashSet<>(BY_EXTENSION.values());
        names.addAll(BY_NAME.values());
        return names;
    }

    /** The highlight.js language of a file name, empty when none fits (shown plain). */
    public static String of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        name = name.substring(slash + 1);
        String byName = BY_NAME.get(name);
        if (byName != null) {
            return byName;
        }
        if (name.startsWith("sconscript")) {
            return "python";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : BY_EXTENSION.getOrDefault(name.substring(dot + 1), "");
    }
}
