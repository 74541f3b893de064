package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegexTrigramsTest {

    @Test
    void aLiteralRunNeedsItsTrigrams() {
        assertThat(RegexTrigrams.of("abcd")).isEqualTo(new TrigramPlan.Need(Set.of("abc", "bcd")));
        assertThat(RegexTrigrams.of("ABcd")).as("folded").isEqualTo(new TrigramPlan.Need(Set.of("abc", "bcd")));
    }

    @Test
    void whatMayBeAbsentOrRepeatedBreaksTheRun() {
        assertThat(RegexTrigrams.of("abcx?def"))
                .isEqualTo(new TrigramPlan.Both(
                        List.of(new TrigramPlan.Need(Set.of("abc")), new TrigramPlan.Need(Set.of("def")))));
        assertThat(RegexTrigrams.of("ab+cd")).as("b is there, then maybe again").isEqualTo(TrigramPlan.ALL);
        assertThat(RegexTrigrams.of("abc+de")).isEqualTo(new TrigramPlan.Need(Set.of("abc")));
        assertThat(RegexTrigrams.of("abc{0,3}")).isEqualTo(TrigramPlan.ALL);
        assertThat(RegexTrigrams.of("abc{1}d")).isEqualTo(new TrigramPlan.Need(Set.of("abc", "bcd")));
        assertThat(RegexTrigrams.of("foo.*bar"))
                .isEqualTo(new TrigramPlan.Both(
                        List.of(new TrigramPlan.Need(Set.of("foo")), new TrigramPlan.Need(Set.of("bar")))));
        assertThat(RegexTrigrams.of("[a-z]+_[0-9]+")).isEqualTo(TrigramPlan.ALL);
        assertThat(RegexTrigrams.of("\\bget\\w+\\(")).isEqualTo(new TrigramPlan.Need(Set.of("get")));
    }

    @Test
    void alternativesAndGroupsAreFollowed() {
        assertThat(RegexTrigrams.of("foo|barx"))
                .isEqualTo(new TrigramPlan.Either(
                        List.of(new TrigramPlan.Need(Set.of("foo")), new TrigramPlan.Need(Set.of("bar", "arx")))));
        assertThat(RegexTrigrams.of("foo|x")).as("one side knows nothing").isEqualTo(TrigramPlan.ALL);
        assertThat(RegexTrigrams.of("(?i)(?:alpha|beta)_id"))
                .isEqualTo(new TrigramPlan.Both(List.of(
                        new TrigramPlan.Either(List.of(
                                new TrigramPlan.Need(Set.of("alp", "lph", "pha")),
                                new TrigramPlan.Need(Set.of("bet", "eta")))),
                        new TrigramPlan.Need(Set.of("_id")))));
        assertThat(RegexTrigrams.of("(optional)?rest")).isEqualTo(new TrigramPlan.Need(Set.of("res", "est")));
        assertThat(RegexTrigrams.of("\\Qa.b*c\\E")).isEqualTo(new TrigramPlan.Need(Set.of("a.b", ".b*", "b*c")));
        assertThat(RegexTrigrams.of("a\\.bc")).isEqualTo(new TrigramPlan.Need(Set.of("a.b", ".bc")));
        assertThat(RegexTrigrams.of("[]abc]def")).isEqualTo(new TrigramPlan.Need(Set.of("def")));
    }

    /** Whatever the pattern, a text it matches holds what the plan needs. */
    @Test
    void thePlanIsNeverMoreThanWhatAMatchHolds() {
        String[][] cases = {
            {"ab(cd|ef)+gh", "xxabefcdghxx"},
            {"x(abc)*yz", "xyz"},
            {"(?i)HELLO world", "hello WORLD"},
            {"a\\x{41}bc", "aAbc"},
            {"\\pLfoo", "éfoo"},
            {"colou?r", "color"},
            {"(?:)abc", "abc"},
            {"[[:alpha:]]+abc", "zabc"},
            {"abc{2,}", "abcc"},
            {"ſtring", "ſtring"},
        };
        for (String[] c : cases) {
            assertThat(Pattern.compile(c[0]).matcher(c[1]).find()).as(c[0]).isTrue();
            assertThat(holds(RegexTrigrams.of(c[0]), fold(c[1]))).as(c[0]).isTrue();
        }
    }

    private static String fold(String text) {
        StringBuilder folded = new StringBuilder();
        text.chars().forEach(c -> folded.append(TrigramPlan.fold((char) c)));
        return folded.toString();
    }

    private static boolean holds(TrigramPlan plan, String text) {
        if (plan instanceof TrigramPlan.Need need) {
            return need.trigrams().stream().allMatch(text::contains);
        }
        if (plan instanceof TrigramPlan.Both both) {
            return both.parts().stream().allMatch(p -> holds(p, text));
        }
        if (plan instanceof TrigramPlan.Either either) {
            return either.parts().stream().anyMatch(p -> holds(p, text));
        }
        return true;
    }
}
