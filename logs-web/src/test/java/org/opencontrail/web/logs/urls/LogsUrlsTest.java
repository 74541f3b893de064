package org.opencontrail.web.logs.urls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LogsUrlsTest {

    private static final String ROOT = "45/91245/3/check/contrail-vnc-build #2 [ü]/1a2b3c4/";

    @Test
    void storedFilesAndFoldersAreAddressedByTheirKeysEachByteEncoded() {
        assertThat(LogsUrls.folder(ROOT))
                .isEqualTo("/45/91245/3/check/contrail-vnc-build%20%232%20%5B%C3%BC%5D/1a2b3c4/");
        assertThat(LogsUrls.folder("45/91245/3/check/job/1a2b3c4")).isEqualTo("/45/91245/3/check/job/1a2b3c4/");
        assertThat(LogsUrls.line(ROOT + "job-output.txt", 12)).endsWith("/1a2b3c4/job-output.txt#L12");
        assertThat(LogsUrls.raw(ROOT + "logs/a b.log")).endsWith("/logs/a%20b.log?raw");
        assertThat(LogsUrls.anomalies(ROOT + "job-output.txt")).startsWith("/anomalies/45/91245/");
        assertThat(URI.create(LogsUrls.folder(ROOT)).getPath()).isEqualTo("/" + ROOT);
        assertThat(LogsUrls.entry("a b", true)).isEqualTo("a%20b/");
    }

    @Test
    void queriesAreEncodedWhole() {
        String query = "message:\"No space left\" AND build_name:contrail-*&x=1";
        assertThat(URI.create(LogsUrls.search(query)).getQuery()).isEqualTo("q=" + query.replace(' ', '+'));
        assertThat(LogsUrls.searchJson("a b")).isEqualTo("/api/search?q=a+b");
        assertThat(LogsUrls.newSignature("tags:console")).isEqualTo("/failures/new?query=tags%3Aconsole");
        assertThat(LogsUrls.signature("1260311")).isEqualTo("/failures#sig-1260311");
        assertThat(LogsUrls.proposal("p1")).isEqualTo("/failures/proposals#proposal-p1");
    }
}
