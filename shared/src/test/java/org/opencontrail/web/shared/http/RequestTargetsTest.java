package org.opencontrail.web.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestTargetsTest {

    @Test
    void charactersBrowsersEscapeAreEscapedAsTheyWould() {
        assertThat(RequestTargets.lenient("/p/+/abc^!/src/a.c")).isEqualTo("/p/+/abc%5E!/src/a.c");
        assertThat(RequestTargets.lenient("/p/+log/a^..b?x={1}|\"<>`\\"))
                .isEqualTo("/p/+log/a%5E..b?x=%7B1%7D%7C%22%3C%3E%60%5C");
        assertThat(URI.create(RequestTargets.lenient("/p/+/abc^{tree}")).getPath())
                .isEqualTo("/p/+/abc^{tree}");
    }

    @Test
    void leadingSlashesCollapseSoThatNoneIsReadAsAHost() {
        assertThat(RequestTargets.lenient("//Juniper/contrail/")).isEqualTo("/Juniper/contrail/");
        assertThat(URI.create(RequestTargets.lenient("///evil.example/x^")).getAuthority())
                .isNull();
        assertThat(RequestTargets.lenient("/")).isEqualTo("/");
        assertThat(RequestTargets.lenient("/a//b")).isEqualTo("/a//b");
    }

    @Test
    void whatIsAlreadyValidOrNotAPathIsLeftAlone() {
        String valid = "/p/+/abc%5E!/src/a%20b.c?format=TEXT&q=a+b";
        assertThat(RequestTargets.lenient(valid)).isSameAs(valid);
        assertThat(RequestTargets.lenient("*")).isEqualTo("*");
        assertThat(RequestTargets.lenient("http://host/a^b")).isEqualTo("http://host/a^b");
        assertThat(RequestTargets.lenient("/%zz")).isEqualTo("/%zz");
    }
}
