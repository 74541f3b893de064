package org.opencontrail.web.logs.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.zuul.ZuulSettings;

/** Where a running build's console is read from, as Zuul v2 and v3+ say it. */
class ConsoleUpstreamsTest {

    private static ConsoleSettings settings(String streamUrl) {
        return new ConsoleSettings(
                streamUrl,
                "console.log",
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                1 << 20,
                10,
                Duration.ofSeconds(30));
    }

    private static ZuulSettings zuul(String url, String tenant) {
        return new ZuulSettings(url, tenant, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    void zuulsStreamIsItsWebsocketBesideItsStatusUnlessSetApart() {
        assertThat(settings("").zuulStream(zuul("https://zuul.opencontrail.org", "opencontrail")))
                .hasValueSatisfying(uri -> assertThat(uri)
                        .hasToString("wss://zuul.opencontrail.org/api/tenant/opencontrail/console-stream"));
        assertThat(settings("").zuulStream(zuul("http://127.0.0.1:9000/zuul/", "t")))
                .hasValueSatisfying(
                        uri -> assertThat(uri).hasToString("ws://127.0.0.1:9000/zuul/api/tenant/t/console-stream"));
        assertThat(settings("wss://streams.example/console-stream").zuulStream(zuul("https://zuul.example", "t")))
                .hasValueSatisfying(uri -> assertThat(uri).hasToString("wss://streams.example/console-stream"));
        assertThat(settings("").zuulStream(zuul("", ""))).isEmpty();
    }

    @Test
    void aZuulV2JobIsReadFromTheJenkinsBuildItLinksWhateverPageOfItZuulNamed() {
        for (String url : new String[] {
            "https://jenkins01.openstack.org/job/check-tempest-dsvm-full/11415/",
            "https://jenkins01.openstack.org/job/check-tempest-dsvm-full/11415",
            "https://jenkins01.openstack.org/job/check-tempest-dsvm-full/11415/consoleFull",
            "https://jenkins01.openstack.org/job/check-tempest-dsvm-full/11415/console"
        }) {
            RunningBuild build = build(url);
            assertThat(build.onJenkins()).as(url).isTrue();
            assertThat(build.jenkinsBuild())
                    .isEqualTo("https://jenkins01.openstack.org/job/check-tempest-dsvm-full/11415/");
        }
        assertThat(build("finger://ze01.opencontrail.org/abc").onJenkins()).isFalse();
        assertThat(build("stream/abc?logfile=console.log").onJenkins()).isFalse();
        assertThat(build("").onJenkins()).isFalse();
    }

    private static RunningBuild build(String url) {
        return new RunningBuild("abc", "job", "project", "check", Optional.empty(), url, true, Optional.empty());
    }

    @Test
    void aJenkinsPieceIsCutBeforeACharacterItEndsInside() {
        byte[] text = "a☃é".getBytes(StandardCharsets.UTF_8); // 1 + 3 + 2 bytes
        assertThat(JenkinsProgressiveText.completeUtf8(text)).isEqualTo(6);
        for (int cut = 0; cut <= text.length; cut++) {
            byte[] piece = java.util.Arrays.copyOf(text, cut);
            int whole = JenkinsProgressiveText.completeUtf8(piece);
            assertThat(whole).as("cut at %d", cut).isIn(0, 1, 4, 6).isLessThanOrEqualTo(cut);
            assertThat(new String(piece, 0, whole, StandardCharsets.UTF_8)).doesNotContain("\uFFFD");
        }
        assertThat(JenkinsProgressiveText.completeUtf8(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}))
                .isEqualTo(4); // not UTF-8 at all: passed on whole, not held for ever
    }
}
