package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeQueryParserTest {

    private static CodeQuery parse(String query) throws BadCodeQuery {
        return CodeQueryParser.parse(query);
    }

    @Test
    void wordsSideBySideMustAllHoldAndOrBindsLooser() throws BadCodeQuery {
        CodeQuery query = parse("a b or c");

        assertThat(query).isInstanceOf(CodeQuery.Or.class);
        List<CodeQuery> parts = ((CodeQuery.Or) query).parts();
        assertThat(parts.get(0)).isInstanceOf(CodeQuery.And.class);
        assertThat(((CodeQuery.Content) parts.get(1)).text()).isEqualTo("c");
    }

    @Test
    void wordsArePlainTextAndRegexesAreNot() throws BadCodeQuery {
        CodeQuery.Content word = (CodeQuery.Content) parse("foo.bar");
        assertThat(word.regex()).isFalse();
        assertThat(word.pattern().matcher("fooXbar").find()).isFalse();
        assertThat(word.pattern().matcher("a foo.bar b").find()).isTrue();

        CodeQuery.Content regex = (CodeQuery.Content) parse("/foo.bar/");
        assertThat(regex.regex()).isTrue();
        assertThat(regex.pattern().matcher("fooXbar").find()).isTrue();
        assertThat(((CodeQuery.Content) parse("regex:a\\d+"))
                        .pattern()
                        .matcher("a12")
                        .find())
                .isTrue();
        assertThat(((CodeQuery.Content) parse("/a\\/b/"))
                        .pattern()
                        .matcher("a/b")
                        .find())
                .isTrue();
    }

    @Test
    void phrasesKeepTheirSpacesAndQuotes() throws BadCodeQuery {
        CodeQuery.Content phrase = (CodeQuery.Content) parse("\"int main(\\\"x\\\")\"");
        assertThat(phrase.text()).isEqualTo("int main(\"x\")");
    }

    @Test
    void caseCountsOnlyWhenATermHasACapitalUnlessSaidOtherwise() throws BadCodeQuery {
        assertThat(((CodeQuery.Content) parse("vrouter")).caseSensitive()).isFalse();
        assertThat(((CodeQuery.Content) parse("VRouter")).caseSensitive()).isTrue();
        assertThat(((CodeQuery.Content) parse("case:yes vrouter")).caseSensitive())
                .isTrue();
        assertThat(((CodeQuery.Content) parse("VRouter case:no")).caseSensitive())
                .isFalse();
        assertThat(((CodeQuery.Content) parse("VRouter case:no"))
                        .pattern()
                        .matcher("vrouter")
                        .find())
                .isTrue();
    }

    @Test
    void fieldsNameWhereAFileIs() throws BadCodeQuery {
        CodeQuery.And query = (CodeQuery.And) parse("r:controller f:\\.py$ b:R5.0 lang:c++ -f:test x");

        assertThat(query.parts()).hasSize(6);
        assertThat(((CodeQuery.Repo) query.parts().get(0))
                        .name()
                        .matcher("Juniper/contrail-controller")
                        .find())
                .isTrue();
        assertThat(((CodeQuery.FilePath) query.parts().get(1))
                        .path()
                        .matcher("a/b.py")
                        .find())
                .isTrue();
        assertThat(((CodeQuery.Branch) query.parts().get(2))
                        .part()
                        .matcher("R5.0")
                        .find())
                .isTrue();
        assertThat(((CodeQuery.Branch) query.parts().get(2))
                        .part()
                        .matcher("R5x0")
                        .find())
                .as("a branch is named literally")
                .isFalse();
        assertThat(((CodeQuery.Lang) query.parts().get(3)).language()).isEqualTo("cpp");
        assertThat(query.parts().get(4)).isInstanceOf(CodeQuery.Not.class);
    }

    @Test
    void codeReadsAsCode() throws BadCodeQuery {
        assertThat(((CodeQuery.Content) parse("printf(")).text()).isEqualTo("printf(");
        assertThat(((CodeQuery.Content) parse("std::vector")).text()).isEqualTo("std::vector");
        assertThat(((CodeQuery.Content) parse("--verbose")).text()).isEqualTo("--verbose");
        assertThat(((CodeQuery.Content) parse("http://x")).text()).isEqualTo("http://x");
        CodeQuery group = parse("(foo or bar) baz");
        assertThat(group).isInstanceOf(CodeQuery.And.class);
        assertThat(((CodeQuery.And) group).parts().get(0)).isInstanceOf(CodeQuery.Or.class);
        CodeQuery call = parse("(f(x) or g)");
        assertThat(((CodeQuery.Content) ((CodeQuery.Or) call).parts().get(0)).text())
                .isEqualTo("f(x)");
    }

    @Test
    void aBadQuerySaysWhereItFails() {
        assertFails("(foo bar", "never closed", 0);
        assertFails("foo )", "closes no group", 4);
        assertFails("foo \"bar", "never closed", 4);
        assertFails("a /b(/", "regular expression", 2);
        assertFails("a /abc", "never closed", 2);
        assertFails("or a", "'or' needs a term before it", 0);
        assertFails("a or", "'or' needs a term after it", 2);
        assertFails("a f:", "needs a value", 4);
        assertFails("case:maybe a", "yes, no or auto", 5);
        assertFails("lang:klingon", "lang: knows", 0);
        assertFails("a ()", "empty", 2);
        assertFails("", "nothing", 0);
        assertFails("x".repeat(CodeQueryParser.MAX_LENGTH + 1), "longer", CodeQueryParser.MAX_LENGTH);
    }

    private static void assertFails(String query, String message, int position) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOf(BadCodeQuery.class)
                .hasMessageContaining(message)
                .satisfies(
                        e -> assertThat(((BadCodeQuery) e).position()).as(query).isEqualTo(position));
    }
}
