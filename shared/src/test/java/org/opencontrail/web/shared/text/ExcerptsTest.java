package org.opencontrail.web.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptsTest {

    @Test
    void boundsTextAndHidesControlCharacters() {
        assertThat(Excerpts.of("x".repeat(1000))).hasSize(Excerpts.LIMIT + 3).endsWith("...");
        assertThat(Excerpts.of("a\u001b[31mb\u0000c")).isEqualTo("a?[31mb?c");
        assertThat(Excerpts.of("short")).isEqualTo("short");
    }

    @Test
    void dropsCredentialsFromUrls() {
        assertThat(Excerpts.withoutCredentials("https://bot:s3cret@zuul.example.org/api/tenant/t/status"))
                .isEqualTo("https://zuul.example.org/api/tenant/t/status");
        assertThat(Excerpts.withoutCredentials("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/");
    }
}
