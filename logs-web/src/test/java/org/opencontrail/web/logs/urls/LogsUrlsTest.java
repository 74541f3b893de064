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

    @Test
    void aSearchKeepsWhatNarrowsItEachValueEncodedAndLeavesOutWhatIsEmpty() {
        assertThat(LogsUrls.search("a b", "24h", "", "", "ERROR", 1)).isEqualTo("/search?q=a+b&range=24h&level=ERROR");
        assertThat(LogsUrls.search("tags:console", "", "2026-11-24 10:00", "2026-11-25&x=1", "", 3))
                .isEqualTo("/search?q=tags%3Aconsole&from=2026-11-24+10%3A00&to=2026-11-25%26x%3D1&page=3");
        assertThat(LogsUrls.search("q", "", "", "", "", 1)).isEqualTo(LogsUrls.search("q"));
    }

    @Test
    void aKnownFailureAndAProposalHaveTheirOwnAddresses() {
        assertThat(LogsUrls.signatureAnchor("1260311")).isEqualTo("#sig-1260311");
        assertThat(LogsUrls.acceptProposal("1700002")).isEqualTo("/failures/proposals/1700002/accept");
        assertThat(LogsUrls.rejectProposal("1700002")).isEqualTo("/failures/proposals/1700002/reject");
        assertThat(LogsUrls.acceptProposal("a b/c")).isEqualTo("/failures/proposals/a%20b%2Fc/accept");
    }
}
