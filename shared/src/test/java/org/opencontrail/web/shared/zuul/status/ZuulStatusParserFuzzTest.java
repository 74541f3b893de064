package org.opencontrail.web.shared.zuul.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opencontrail.web.shared.testing.Mutations;

/** Whatever Zuul (or a proxy before it) answers, the parser gives a snapshot or says what is wrong: no other exception, no hang. */
class ZuulStatusParserFuzzTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private final ZuulStatusParser parser = new ZuulStatusParser();

    @Provide
    Arbitrary<String> documents() {
        List<String> samples = List.of(
                Mutations.resource("/zuul/v2-status-basic-demo.json"),
                Mutations.resource("/zuul/v2-status-openstack-2013-small.json"));
        return Arbitraries.oneOf(Mutations.ofJson(samples), Mutations.ofText(samples), Mutations.anyText());
    }

    @Property
    void aDocumentIsASnapshotOrAStatusErrorAndNothingElse(@ForAll("documents") String document) {
        Object outcome = assertTimeoutPreemptively(BOUND, () -> {
            try {
                return parser.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
            } catch (ZuulStatusException e) {
                return e;
            }
        });

        if (outcome instanceof ZuulSnapshot snapshot) {
            assertThat(snapshot.pipelines()).doesNotContainNull();
        } else {
            assertThat(((ZuulStatusException) outcome).getMessage()).isNotBlank();
        }
    }
}
