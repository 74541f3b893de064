package org.opencontrail.web.logs.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.opencontrail.web.logs.database.ReviewCommentRow;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;
import org.opencontrail.web.shared.io.ChangingFile;
import org.opencontrail.web.shared.io.SecretFiles;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Posts a comment on a patch set through Gerrit's REST API ({@code POST
 * /a/changes/{id}/revisions/{revision}/review}, no vote), as the account of {@code logs.review},
 * its password read again when its file changes. Before it posts, it reads the change's messages:
 * a comment of its tag naming the buildset is there already when an earlier try was taken by
 * Gerrit but its answer was lost (a restart, a replica gone, a timeout).
 */
@Requires(missingProperty = "logs.command") // a command (import, reindex) neither matches nor comments
@Singleton
final class GerritComments {

    /** What Gerrit made of a comment. */
    sealed interface Answer {}

    /** It is on the change (now, or from an earlier try). */
    record Posted(boolean before) implements Answer {}

    /** Gerrit refused it for good (400, 409). */
    record Refused(String why) implements Answer {}

    /** Gerrit could not take it now: asked again later. */
    record Later(String why) implements Answer {}

    private final ReviewSettings settings;
    private final GerritSettings gerrit;
    private final Optional<ChangingFile<String>> password;
    private volatile GerritHttp http;
    private volatile String httpPassword;

    GerritComments(ReviewSettings settings, GerritSettings gerrit) {
        this.settings = settings;
        this.gerrit = gerrit;
        this.password = settings.passwordFile().isBlank()
                ? Optional.empty()
                : Optional.of(new ChangingFile<>(Path.of(settings.passwordFile()), SecretFiles::read));
    }

    /** What is missing for comments to be posted; empty when nothing is. */
    String missing() {
        if (!gerrit.hasRest()) {
            return "gerrit.url is not set";
        }
        if (settings.username().isBlank() || password.isEmpty()) {
            return "logs.review.username and logs.review.password-file are not both set";
        }
        return "";
    }

    /** Posts the comment, unless it is there already. */
    Answer post(ReviewCommentRow row, String text) {
        GerritHttp client;
        try {
            client = client();
        } catch (IOException e) {
            return new Later("the password file " + settings.passwordFile() + " cannot be read: " + e.getMessage());
        }
        String change = "changes/" + URLEncoder.encode(row.project(), StandardCharsets.UTF_8) + "~" + row.change();
        try {
            if (alreadyThere(client, change, row.buildsetUuid())) {
                return new Posted(true);
            }
        } catch (IOException e) {
            return new Later("the change's comments cannot be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Later("interrupted");
        }
        try {
            String revision = row.revision().isBlank() ? String.valueOf(row.patchSet()) : row.revision();
            ObjectNode review = ForeignJson.object()
                    .put("message", text)
                    .put("tag", KnownFailuresComment.TAG)
                    .put("notify", settings.whomToNotify());
            client.post(
                    change + "/revisions/" + URLEncoder.encode(revision, StandardCharsets.UTF_8) + "/review",
                    review.toString());
            return new Posted(false);
        } catch (GerritHttp.GerritHttpException e) {
            return e.status() == 400 || e.status() == 409 ? new Refused(e.getMessage()) : new Later(e.getMessage());
        } catch (IOException e) {
            return new Later("Gerrit at " + gerrit.url() + " does not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Later("interrupted");
        }
    }

    private static boolean alreadyThere(GerritHttp client, String change, String buildsetUuid)
            throws IOException, InterruptedException {
        JsonNode messages = ForeignJson.tree(GerritHttp.stripXssi(client.get(change + "/messages")));
        for (JsonNode message : messages) {
            if (KnownFailuresComment.TAG.equals(message.path("tag").asText())
                    && message.path("message").asText().contains(buildsetUuid)) {
                return true;
            }
        }
        return false;
    }

    /** The client, made again when the password changed. */
    private GerritHttp client() throws IOException {
        String now = password.orElseThrow().get();
        GerritHttp current = http;
        if (current == null || !now.equals(httpPassword)) {
            current = new GerritHttp(
                    gerrit.url(),
                    settings.timeout(),
                    Optional.of(new GerritHttp.Credentials(settings.username(), now)));
            http = current;
            httpPassword = now;
        }
        return current;
    }
}
