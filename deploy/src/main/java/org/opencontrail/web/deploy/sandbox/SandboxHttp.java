package org.opencontrail.web.deploy.sandbox;

import static org.opencontrail.web.deploy.sandbox.HttpExchanges.query;
import static org.opencontrail.web.deploy.sandbox.HttpExchanges.reply;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.deploy.sandbox.ci.SandboxRepos;
import org.opencontrail.web.deploy.sandbox.ci.SandboxZuulJson;

/**
 * The sandbox's other web endpoints, real HTTP on loopback: Zuul's status and builds APIs, the
 * build logs (files, HTML directory indexes, zuul-manifest.json) and the repositories over git's
 * smart HTTP protocol (v0 and v2, read-only).
 */
public final class SandboxHttp implements AutoCloseable {

    private final SandboxZuulJson zuul;
    private final Path logs;
    private final SandboxRepos repos;
    private HttpServer server;

    public SandboxHttp(SandboxZuulJson zuul, Path logs, SandboxRepos repos) {
        this.zuul = zuul;
        this.logs = logs.toAbsolutePath().normalize();
        this.repos = repos;
    }

    public void start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        http.setExecutor(Executors.newFixedThreadPool(8));
        String tenant = "/zuul/api/tenant/" + CiCatalog.TENANT;
        http.createContext(tenant + "/status", e -> reply(e, 200, "application/json", zuul.status()));
        http.createContext(tenant + "/builds", e -> {
            try {
                reply(e, 200, "application/json", zuul.builds(HttpExchanges.queryAll(e)));
            } catch (IllegalArgumentException bad) {
                reply(e, 400, "text/plain", bad.getMessage());
            }
        });
        http.createContext(tenant + "/nodes", e -> reply(e, 200, "application/json", zuul.nodes()));
        http.createContext("/logs/", this::log);
        http.createContext("/git/", this::git);
        // for a container engine's health check
        http.createContext("/health", e -> reply(e, 200, "application/json", "{\"status\":\"UP\"}"));
        http.start();
        server = http;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String zuulUrl() {
        return url() + "zuul/";
    }

    public String logsUrl() {
        return url() + "logs/";
    }

    public String gitUrl() {
        return url() + "git/";
    }

    private void log(HttpExchange exchange) throws IOException {
        String relative = exchange.getRequestURI().getPath().substring("/logs/".length());
        Path file = logs.resolve(relative).normalize();
        if (!file.startsWith(logs) || relative.contains("..")) {
            reply(exchange, 404, "text/plain", "not found\n");
            return;
        }
        if (Files.isDirectory(file)) {
            if (!relative.isEmpty() && !relative.endsWith("/")) {
                exchange.getResponseHeaders().add("Location", "/logs/" + relative + "/");
                reply(exchange, 301, "text/plain", "");
                return;
            }
            reply(exchange, 200, "text/html", index("/logs/" + relative, file));
        } else if (Files.isRegularFile(file)) {
            String name = file.getFileName().toString();
            String type =
                    name.endsWith(".json") ? "application/json" : name.endsWith(".html") ? "text/html" : "text/plain";
            exchange.getResponseHeaders().add("Content-Type", type + "; charset=UTF-8");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        } else {
            reply(exchange, 404, "text/plain", "not found\n");
        }
    }

    /** An Apache-style index page, as log servers showed them. */
    private static String index(String urlPath, Path dir) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><title>Index of ")
                .append(escape(urlPath))
                .append("</title></head><body><h1>Index of ")
                .append(escape(urlPath))
                .append("</h1><table>\n")
                .append("<tr><th>Name</th><th>Last modified</th><th>Size</th></tr>\n");
        if (!urlPath.equals("/logs/")) {
            html.append("<tr><td><a href=\"../\">Parent Directory</a></td><td></td><td>-</td></tr>\n");
        }
        List<Path> entries = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.sorted().forEach(entries::add);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString() + (Files.isDirectory(entry) ? "/" : "");
            html.append("<tr><td><a href=\"")
                    .append(escape(name))
                    .append("\">")
                    .append(escape(name))
                    .append("</a></td><td>")
                    .append(Files.getLastModifiedTime(entry))
                    .append("</td><td>")
                    .append(Files.isDirectory(entry) ? "-" : String.valueOf(Files.size(entry)))
                    .append("</td></tr>\n");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private void git(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/git/".length());
        int dotGit = path.indexOf(".git/");
        if (dotGit < 0) {
            reply(exchange, 404, "text/plain", "not a repository path\n");
            return;
        }
        String project = path.substring(0, dotGit);
        String service = path.substring(dotGit + ".git/".length());
        var repo = repos.existing(project);
        if (repo.isEmpty()) {
            reply(exchange, 404, "text/plain", "no such repository\n");
            return;
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (service.equals("info/refs")
                && "git-upload-pack".equals(query(exchange).get("service"))) {
            advertise(exchange, repo.get(), protocol);
        } else if (service.equals("git-upload-pack")
                && exchange.getRequestMethod().equals("POST")) {
            uploadPack(exchange, repo.get(), protocol);
        } else {
            reply(exchange, 403, "text/plain", "read-only: only git-upload-pack is served\n");
        }
    }

    private static UploadPack uploadPack(Repository repo, String protocol) {
        UploadPack pack = new UploadPack(repo);
        pack.setBiDirectionalPipe(false);
        if (protocol != null) {
            pack.setExtraParameters(List.of(protocol.split(":")));
        }
        return pack;
    }

    private static void advertise(HttpExchange exchange, Repository repo, String protocol) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-advertisement");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            PacketLineOut packets = new PacketLineOut(out);
            packets.writeString("# service=git-upload-pack\n");
            packets.end();
            uploadPack(repo, protocol).sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(packets));
        }
    }

    private static void uploadPack(HttpExchange exchange, Repository repo, String protocol) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            uploadPack(repo, protocol).upload(in, out, null);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
