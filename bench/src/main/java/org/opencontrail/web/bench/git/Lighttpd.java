package org.opencontrail.web.bench.git;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.Http;

/**
 * The anchor: Debian's cgit under lighttpd CGI, twice (without its cache at {@code /cgit/}, with
 * it at {@code /cgitc/}), with blame, the commit graph and Pygments highlighting on, and
 * {@code git http-backend} at {@code /git/} for clones, all on a free loopback port.
 */
final class Lighttpd implements AutoCloseable {

    static final String CGIT = "/usr/lib/cgit/cgit.cgi";
    static final String HTTP_BACKEND = "/usr/lib/git-core/git-http-backend";
    static final String HIGHLIGHT = "/usr/lib/cgit/filters/syntax-highlighting.py";

    private final Process process;
    private final int port;

    private Lighttpd(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Lighttpd start(Path work, Path repository, String name) throws Exception {
        Files.createDirectories(work);
        int port = FreePort.next();
        Path cache = work.resolve("cgit-cache");
        Files.createDirectories(cache);
        Files.writeString(work.resolve("cgitrc"), cgitrc("/cgit/", "cache-size=0\n", repository, name));
        Files.writeString(
                work.resolve("cgitrc-cached"),
                cgitrc("/cgitc/", "cache-size=1000\ncache-root=" + cache + "\n", repository, name));
        Path gitRoot = repository.getParent();
        String config = """
                server.document-root = "%1$s"
                server.bind = "127.0.0.1"
                server.port = %2$d
                server.errorlog = "%1$s/error.log"
                server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
                mimetype.assign = (".css" => "text/css", ".png" => "image/png")
                $HTTP["url"] =~ "^/cgit/" {
                  alias.url = ("/cgit" => "%3$s")
                  cgi.assign = ("" => "")
                  setenv.add-environment = ("CGIT_CONFIG" => "%1$s/cgitrc")
                }
                $HTTP["url"] =~ "^/cgitc/" {
                  alias.url = ("/cgitc" => "%3$s")
                  cgi.assign = ("" => "")
                  setenv.add-environment = ("CGIT_CONFIG" => "%1$s/cgitrc-cached")
                }
                $HTTP["url"] =~ "^/git/" {
                  alias.url = ("/git" => "%4$s")
                  cgi.assign = ("" => "")
                  setenv.add-environment = ("GIT_PROJECT_ROOT" => "%5$s", "GIT_HTTP_EXPORT_ALL" => "1")
                }
                """.formatted(work, port, CGIT, HTTP_BACKEND, gitRoot);
        Files.writeString(work.resolve("lighttpd.conf"), config);
        Process process = new ProcessBuilder(
                        "lighttpd", "-D", "-f", work.resolve("lighttpd.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("lighttpd.out").toFile())
                .start();
        Lighttpd server = new Lighttpd(process, port);
        server.await();
        return server;
    }

    private static String cgitrc(String root, String cache, Path repository, String name) {
        return cache + """
                virtual-root=%s
                enable-blame=1
                enable-commit-graph=1
                enable-log-filecount=1
                enable-log-linecount=1
                enable-http-clone=0
                max-commit-count=50
                snapshots=tar.gz zip
                source-filter=%s
                repo.url=%s
                repo.path=%s
                repo.desc=the benchmark's repository
                """.formatted(root, HIGHLIGHT, name, repository);
    }

    private void await() throws Exception {
        HttpClient http = Http.builder().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url("/cgit/")))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("lighttpd with cgit did not answer");
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
