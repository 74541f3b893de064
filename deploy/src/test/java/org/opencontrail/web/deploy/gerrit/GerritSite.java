package org.opencontrail.web.deploy.gerrit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * What a Gerrit administrator does on a real Gerrit through its REST API and git: accounts with SSH
 * keys and HTTP passwords, a group with the capabilities a CI needs, the Verified label, projects
 * (one hidden), changes pushed for review, reviews, comments and pushes straight to a branch.
 */
public final class GerritSite {

    private final RealGerrit gerrit;
    private final Path work;
    private final ObjectMapper json = new ObjectMapper();
    private final UsernamePasswordCredentialsProvider admin =
            new UsernamePasswordCredentialsProvider("admin", "secret");
    private final Random random = new Random(7);

    public GerritSite(RealGerrit gerrit, Path work) {
        this.gerrit = gerrit;
        this.work = work;
    }

    public RealGerrit gerrit() {
        return gerrit;
    }

    /** A group, returning its UUID. */
    public String group(String name, String description) throws IOException, InterruptedException {
        return json.readTree(gerrit.rest(
                        "PUT",
                        "groups/" + encode(name),
                        "application/json",
                        json.createObjectNode()
                                .put("description", description)
                                .put("visible_to_all", true)
                                .toString()))
                .get("id")
                .asText();
    }

    public String groupId(String name) throws IOException, InterruptedException {
        return json.readTree(gerrit.rest("GET", "groups/" + encode(name), "application/json", null))
                .get("id")
                .asText();
    }

    /** An account with an SSH public key (a line of a .pub file), an HTTP password when given, in a group. */
    public void account(String username, String fullName, String publicKey, String httpPassword, String group)
            throws IOException, InterruptedException {
        var input = json.createObjectNode()
                .put("name", fullName)
                .put("email", username + "@example.org")
                .put("ssh_key", publicKey.strip());
        if (httpPassword != null) {
            input.put("http_password", httpPassword);
        }
        input.putArray("groups").add(group);
        gerrit.rest("PUT", "accounts/" + encode(username), "application/json", input.toString());
    }

    /** Project access as Gerrit's access API takes it ({@code {"add":{...}}}). */
    public void access(String project, String accessInput) throws IOException, InterruptedException {
        gerrit.rest("POST", "projects/" + encode(project) + "/access", "application/json", accessInput);
    }

    /** The Verified label of OpenContrail's CI: -2 to +2, voted by the CI. */
    public void verifiedLabel() throws IOException, InterruptedException {
        gerrit.rest("PUT", "projects/All-Projects/labels/Verified", "application/json", """
                {"commit_message":"Verified, voted by the CI","function":"NoBlock",
                 "values":{"-2":"Fails","-1":"Doesn't seem to work"," 0":"No score","+1":"Works for me","+2":"Verified"}}""");
    }

    public void project(String name, String description) throws IOException, InterruptedException {
        gerrit.rest(
                "PUT",
                "projects/" + encode(name),
                "application/json",
                json.createObjectNode()
                        .put("create_empty_commit", true)
                        .put("description", description)
                        .toString());
    }

    /**
     * Readable by administrators alone: an exclusive read rule on every ref pattern where
     * All-Projects lets others read (Gerrit 3.10 gives Anonymous Users refs/heads/* and refs/meta/version).
     */
    public void restrict(String project) throws IOException, InterruptedException {
        var permissions = json.createObjectNode();
        var add = permissions.putObject("add");
        for (String refs : new String[] {"refs/*", "refs/heads/*", "refs/meta/version"}) {
            add.putObject(refs)
                    .putObject("permissions")
                    .putObject("read")
                    .put("exclusive", true)
                    .putObject("rules")
                    .putObject(groupId("Administrators"))
                    .put("action", "ALLOW");
        }
        access(project, permissions.toString());
    }

    /**
     * A commit on the branch's tip pushed for review as admin; returns the change (number, Change-Id,
     * URL). {@code footers} are added before the Change-Id.
     */
    public PushedChange pushForReview(String project, String subject, String file, String footers) throws Exception {
        String changeId = "I" + HexFormat.of().formatHex(bytes(20));
        push(
                project,
                subject + "\n\nWritten by the end-to-end test.\n\n" + footers + (footers.isEmpty() ? "" : "\n")
                        + "Change-Id: " + changeId + "\n",
                file,
                "HEAD:refs/for/master");
        JsonNode change = json.readTree(gerrit.rest("GET", "changes/?q=change:" + changeId, "application/json", null))
                .get(0);
        int number = change.get("_number").asInt();
        return new PushedChange(project, number, changeId, gerrit.url() + "c/" + project + "/+/" + number, subject);
    }

    /** A commit pushed straight to master, past review; returns its id. */
    public String pushToBranch(String project, String subject, String file) throws Exception {
        return push(project, subject + "\n\nPushed straight to master.\n", file, "HEAD:refs/heads/master");
    }

    private String push(String project, String message, String file, String refSpec) throws Exception {
        Path clone = Files.createTempDirectory(work, "clone-");
        try (Git git = Git.cloneRepository()
                .setURI(gerrit.url() + "a/" + project)
                .setCredentialsProvider(admin)
                .setDirectory(clone.toFile())
                .call()) {
            Files.writeString(clone.resolve(file), message);
            git.add().addFilepattern(file).call();
            PersonIdent who = new PersonIdent("Administrator", "admin@example.com");
            String id = git.commit()
                    .setAuthor(who)
                    .setCommitter(who)
                    .setMessage(message)
                    .call()
                    .name();
            git.push()
                    .setCredentialsProvider(admin)
                    .setRefSpecs(new RefSpec(refSpec))
                    .call();
            return id;
        }
    }

    /** Admin's review: a message and votes ({@code {"Code-Review":2}}). */
    public void review(int change, String message, String labels) throws IOException, InterruptedException {
        gerrit.rest(
                "POST",
                "changes/" + change + "/revisions/current/review",
                "application/json",
                "{\"message\":" + json.writeValueAsString(message) + ",\"labels\":" + labels + "}");
    }

    /** The change as REST shows it to admin, with its labels. */
    public JsonNode change(int number) throws IOException, InterruptedException {
        return json.readTree(gerrit.rest(
                "GET",
                "changes/" + number + "?o=DETAILED_LABELS&o=DETAILED_ACCOUNTS&o=CURRENT_REVISION",
                "application/json",
                null));
    }

    /** The branch's head commit id. */
    public String head(String project, String branch) throws IOException, InterruptedException {
        return json.readTree(gerrit.rest(
                        "GET", "projects/" + encode(project) + "/branches/" + encode(branch), "application/json", null))
                .get("revision")
                .asText();
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /**
     * A change pushed for review.
     *
     * @param project  project
     * @param number   change number
     * @param changeId Change-Id
     * @param url      its review page, as Depends-On footers name it
     * @param subject  subject
     */
    public record PushedChange(String project, int number, String changeId, String url, String subject) {}
}
