package org.opencontrail.web.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every template of every site only loops, tests conditions and writes what its view model prepared: signs, classes,
 * addresses and page numbers are made in Java, where tests reach them, and every link comes from the site's URL
 * builder.
 */
class TemplatesHoldNoLogicTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void noTemplateOfAnySiteComputesWhatItShows() throws IOException {
        Path root = repositoryRoot();
        List<Path> templates = templates(root);
        assertThat(templates)
                .extracting(t -> root.relativize(t).getName(0).toString())
                .contains("branding", "status-web", "logs-web", "git-web");

        List<TemplateLogic.Finding> found = new ArrayList<>();
        for (Path template : templates) {
            found.addAll(TemplateLogic.findIn(
                    root.relativize(template).toString().replace('\\', '/'), Files.readString(template)));
        }
        assertThat(found)
                .as(
                        "templates hold loops, conditionals and fields of their view model; compute these in Java:%n%s",
                        String.join(
                                System.lineSeparator(),
                                found.stream().map(Object::toString).toList()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} is found")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            a utility call;                    <span th:text="${#strings.abbreviate(s, 10)}">x</span>
            text made in the template;         <code th:text="${id.substring(0, 10)}">x</code>
            text made in the template;         <a th:if="${url.startsWith('https://')}" th:href="${url}">x</a>
            text made in the template;         <span th:text="${status.toLowerCase()}">x</span>
            text made in the template;         <span th:text="${name.toUpperCase()}">x</span>
            text made in the template;         <span th:text="${result.orElse('running')}">x</span>
            an address written in an expression; <a th:if="${url != 'http://example.org'}">x</a>
            an address built in the template;  <a th:href="|/search?q=${query}|">x</a>
            an address built in the template;  <a th:href="${'/search?q=' + query}">x</a>
            an address built in the template;  <a th:href="${base} + '/' + ${path}">x</a>
            an address built in the template;  <form th:action="|/failures/proposals/${id}/accept|"></form>
            an address built in the template;  <section th:attr="data-src=|${url}?fragment=1|"></section>
            a CSS class built in the template; <li th:class="|run ${css}|">x</li>
            a CSS class built in the template; <li th:classappend="'result-' + ${result}">x</li>
            arithmetic or concatenation;       <ol th:start="${(page - 1) * 50 + 1}"></ol>
            arithmetic or concatenation;       <span th:if="${a + b > 0}">x</span>
            arithmetic or concatenation;       <span th:text="${n} - 1">x</span>
            arithmetic or concatenation;       <span th:text="${total div size}">x</span>
            a ternary that computes a value;   <span th:text="|${vote > 0 ? '+' : ''}${vote}|">x</span>
            a ternary that computes a value;   <td th:text="${status.isEmpty() ? 'unknown' : status}">x</td>
            a ternary that computes a value;   <td th:text="${size < 0} ? '' : ${size}">x</td>
            a ternary that computes a value;   <span th:class="${a} ? 'ok' : (${b} ? 'fail' : 'warn')">x</span>
            a default computed in the template; <span th:text="${name} ?: 'nobody'">x</span>
            arithmetic or concatenation;       <p>[[${count + 1}]]</p>
            """)
    void eachKindOfLogicIsFound(String what, String template) {
        assertThat(TemplateLogic.findIn("t.html", template))
                .extracting(TemplateLogic.Finding::what)
                .anySatisfy(found -> assertThat(found).startsWith(what));
    }

    @ParameterizedTest(name = "{0} passes")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            a field;                          <a th:href="${change.pageUrl()}" th:text="${change.number}">x</a>
            a condition;                      <tr th:if="${!facts.topic.isEmpty() and votes.size() > 1}"></tr>
            a loop with its status;           <li th:each="c, s : ${crumbs}" th:id="${c.id()}">x</li>
            a choice between literals;        <a th:attr="aria-current=${link.current()} ? 'page' : null">x</a>
            a class appended on a condition;  <tr th:classappend="${entry.folder()} ? 'is-folder'"></tr>
            a text with its fields;           <title th:text="|Change ${change.number} · ${#brand.name}|">x</title>
            attributes named with dashes;     <main th:attr="data-server-now=${now},data-stream-since=${since}"></main>
            a fragment chosen;                <html th:replace="${fragment != null} ? ~{::#ci} : ~{layout :: page(~{::title}, ~{::main})}"></html>
            a fragment with an argument;      <li th:replace="~{fragments/item :: item-job(${job}, ${job.anchor()})}"></li>
            a choice between texts;           <title th:text="${q.isEmpty()} ? |Search| : |${q} · search|">x</title>
            a literal with signs in it;       <span th:text="${ok} ? '✓ - done' : '✗ + more'">x</span>
            a commented example;              <!-- <a th:href="|/search?q=${query}|">x</a> -->
            """)
    void whatATemplateMayDoPasses(String what, String template) {
        assertThat(TemplateLogic.findIn("t.html", template)).isEmpty();
    }

    @Test
    void aFindingNamesFileLineAndWhatItFound() {
        List<TemplateLogic.Finding> found =
                TemplateLogic.findIn("status-web/views/change.html", "<p>\n\n<ol th:start=\"${(page - 1) * 50 + 1}\">");

        assertThat(found)
                .singleElement()
                .satisfies(f -> assertThat(f.toString())
                        .isEqualTo("status-web/views/change.html:3: arithmetic or concatenation on an expression"
                                + " ((page - 1) * 50 + 1) in th:start=\"${(page - 1) * 50 + 1}\""));
    }

    /** The folder of the build's parent pom: the one that lists modules, above the module the tests run in. */
    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no pom.xml with <modules> above " + Path.of("").toAbsolutePath());
    }

    /** Every template under a module's {@code src/main/resources/views}. */
    private static List<Path> templates(Path root) throws IOException {
        List<Path> templates = new ArrayList<>();
        Matcher module = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            Path views = root.resolve(module.group(1).strip()).resolve("src/main/resources/views");
            if (Files.isDirectory(views)) {
                try (Stream<Path> files = Files.walk(views)) {
                    files.filter(f -> f.toString().endsWith(".html")).sorted().forEach(templates::add);
                }
            }
        }
        return templates;
    }
}
