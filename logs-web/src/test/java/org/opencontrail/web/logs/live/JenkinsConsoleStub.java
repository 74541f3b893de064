package org.opencontrail.web.logs.live;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jenkins' progressive text, as a Zuul v2 job's console was read, at the wire: the log's bytes from
 * {@code start}, {@code X-Text-Size} where the next ask starts and {@code X-More-Data: true} while
 * the build runs. It answers at most 7 bytes beyond {@code start} at a time, so that pieces end
 * inside lines and inside UTF-8 characters. The build is named by its job (the script's uuid).
 */
@Controller("/jenkins/job/{job}/{number}/logText")
@Requires(property = "test.console-upstream", value = "true")
final class JenkinsConsoleStub {

    static final int PIECE = 7;

    private final ConsoleScripts scripts;

    JenkinsConsoleStub(ConsoleScripts scripts) {
        this.scripts = scripts;
    }

    @Get(uri = "/progressiveText{?start}", produces = MediaType.TEXT_PLAIN)
    MutableHttpResponse<byte[]> progressiveText(String job, int number, @QueryValue(defaultValue = "0") long start) {
        if (!scripts.has(job)) {
            return HttpResponse.notFound();
        }
        ConsoleScripts.Script script = scripts.of(job);
        if (start == 0) {
            script.connections.incrementAndGet();
        }
        boolean ended = script.ended();
        byte[] text = script.text().getBytes(StandardCharsets.UTF_8);
        int from = (int) Math.min(start, text.length);
        int to = Math.min(text.length, from + PIECE);
        MutableHttpResponse<byte[]> response =
                HttpResponse.ok(Arrays.copyOfRange(text, from, to)).header("X-Text-Size", String.valueOf(to));
        return ended && to == text.length ? response : response.header("X-More-Data", "true");
    }
}
