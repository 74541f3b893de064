package org.opencontrail.web.shared.gerrit.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One event of Gerrit's stream ({@code gerrit stream-events}), typed. Types this model does not
 * know arrive as {@link Unknown} with their raw JSON, so that nothing the server says is lost.
 */
public sealed interface GerritEvent {

    /** The type as the server names it, e.g. {@code patchset-created}. */
    String type();

    /** The server's {@code eventCreatedOn} ({@link Instant#EPOCH} when it sent none). */
    Instant createdOn();

    /** The projects the event is about: none for events about the server itself (dropped-output). */
    default List<String> projects() {
        return List.of();
    }

    /** Who caused the event, when the event says. */
    default Account actor() {
        return Account.NONE;
    }

    /** What identifies this event across a live stream and a backfill of the same time. */
    default EventKey key() {
        return new EventKey(type(), 0, 0, "", createdOn().getEpochSecond(), actor().username(), "");
    }

    /** An event about one change. */
    sealed interface ChangeEvent extends GerritEvent {

        Change change();

        /** The patch set the event is about, when it names one. */
        Optional<PatchSet> patchSet();

        @Override
        default List<String> projects() {
            return List.of(change().project());
        }

        /**
         * What this event says beyond who, when and which change, as far as a backfill from REST can
         * say it too: it tells apart two events of one kind in one second (wip on, then off).
         */
        default String detail() {
            return "";
        }

        @Override
        default EventKey key() {
            return new EventKey(
                    type(),
                    change().number(),
                    patchSet().map(PatchSet::number).orElse(0),
                    patchSet().map(PatchSet::ref).orElse(""),
                    createdOn().getEpochSecond(),
                    actor().username(),
                    detail());
        }
    }

    record PatchSetCreated(Change change, Optional<PatchSet> patchSet, Account uploader, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "patchset-created";
        }

        @Override
        public Account actor() {
            return uploader;
        }

        @Override
        public String detail() {
            return patchSet.map(PatchSet::revision).orElse("");
        }
    }

    record CommentAdded(
            Change change,
            Optional<PatchSet> patchSet,
            Account author,
            String comment,
            List<Approval> approvals,
            Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "comment-added";
        }

        @Override
        public Account actor() {
            return author;
        }

        @Override
        public String detail() {
            return Integer.toHexString(comment.strip().hashCode());
        }
    }

    record ChangeMerged(Change change, Optional<PatchSet> patchSet, Account submitter, String newRev, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "change-merged";
        }

        @Override
        public Account actor() {
            return submitter;
        }

        @Override
        public String detail() {
            return newRev;
        }
    }

    record ChangeAbandoned(
            Change change, Optional<PatchSet> patchSet, Account abandoner, String reason, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "change-abandoned";
        }

        @Override
        public Account actor() {
            return abandoner;
        }
    }

    record ChangeRestored(
            Change change, Optional<PatchSet> patchSet, Account restorer, String reason, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "change-restored";
        }

        @Override
        public Account actor() {
            return restorer;
        }
    }

    record ChangeDeleted(Change change, Optional<PatchSet> patchSet, Account deleter, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "change-deleted";
        }

        @Override
        public Account actor() {
            return deleter;
        }
    }

    record ReviewerAdded(Change change, Optional<PatchSet> patchSet, Account reviewer, Account adder, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "reviewer-added";
        }

        @Override
        public Account actor() {
            return adder;
        }

        @Override
        public String detail() {
            return reviewer.username() + reviewer.email();
        }
    }

    record ReviewerDeleted(
            Change change,
            Optional<PatchSet> patchSet,
            Account reviewer,
            Account remover,
            String comment,
            List<Approval> approvals,
            Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "reviewer-deleted";
        }

        @Override
        public Account actor() {
            return remover;
        }

        @Override
        public String detail() {
            return reviewer.username() + reviewer.email();
        }
    }

    record VoteDeleted(
            Change change,
            Optional<PatchSet> patchSet,
            Account reviewer,
            Account remover,
            String comment,
            List<Approval> approvals,
            Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "vote-deleted";
        }

        @Override
        public Account actor() {
            return remover;
        }

        @Override
        public String detail() {
            return reviewer.username() + reviewer.email() + approvals;
        }
    }

    record TopicChanged(Change change, Optional<PatchSet> patchSet, Account changer, String oldTopic, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "topic-changed";
        }

        @Override
        public Account actor() {
            return changer;
        }

        @Override
        public String detail() {
            return oldTopic + ">" + change.topic().orElse("");
        }
    }

    record HashtagsChanged(
            Change change,
            Optional<PatchSet> patchSet,
            Account editor,
            List<String> added,
            List<String> removed,
            List<String> hashtags,
            Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "hashtags-changed";
        }

        @Override
        public Account actor() {
            return editor;
        }

        @Override
        public String detail() {
            return "+" + added + "-" + removed;
        }
    }

    /** The change's work-in-progress state changed; the new state is {@code change().wip()}. */
    record WipStateChanged(Change change, Optional<PatchSet> patchSet, Account changer, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "wip-state-changed";
        }

        @Override
        public Account actor() {
            return changer;
        }

        @Override
        public String detail() {
            return Boolean.toString(change.wip());
        }
    }

    /** The change's private state changed; the new state is {@code change().isPrivate()}. */
    record PrivateStateChanged(Change change, Optional<PatchSet> patchSet, Account changer, Instant createdOn)
            implements ChangeEvent {
        @Override
        public String type() {
            return "private-state-changed";
        }

        @Override
        public Account actor() {
            return changer;
        }

        @Override
        public String detail() {
            return Boolean.toString(change.isPrivate());
        }
    }

    record RefUpdated(RefUpdate refUpdate, Account submitter, Instant createdOn) implements GerritEvent {
        @Override
        public List<String> projects() {
            return List.of(refUpdate.project());
        }

        @Override
        public String type() {
            return "ref-updated";
        }

        @Override
        public Account actor() {
            return submitter;
        }

        @Override
        public EventKey key() {
            return new EventKey(
                    type(),
                    0,
                    0,
                    refUpdate.project() + ":" + refUpdate.refName() + "@" + refUpdate.newRev(),
                    createdOn.getEpochSecond(),
                    submitter.username(),
                    "");
        }
    }

    record BatchRefUpdated(List<RefUpdate> refUpdates, Account submitter, Instant createdOn) implements GerritEvent {
        @Override
        public List<String> projects() {
            return refUpdates.stream().map(RefUpdate::project).distinct().toList();
        }

        @Override
        public String type() {
            return "batch-ref-updated";
        }

        @Override
        public Account actor() {
            return submitter;
        }

        @Override
        public EventKey key() {
            String refs = String.join(
                    ",",
                    refUpdates.stream()
                            .map(r -> r.project() + ":" + r.refName() + "@" + r.newRev())
                            .toList());
            return new EventKey(type(), 0, 0, refs, createdOn.getEpochSecond(), submitter.username(), "");
        }
    }

    record ProjectCreated(String projectName, String headName, Instant createdOn) implements GerritEvent {
        @Override
        public List<String> projects() {
            return List.of(projectName);
        }

        @Override
        public String type() {
            return "project-created";
        }

        @Override
        public EventKey key() {
            return new EventKey(type(), 0, 0, projectName, createdOn.getEpochSecond(), "", "");
        }
    }

    record ProjectHeadUpdated(String projectName, String oldHead, String newHead, Instant createdOn)
            implements GerritEvent {
        @Override
        public List<String> projects() {
            return List.of(projectName);
        }

        @Override
        public String type() {
            return "project-head-updated";
        }

        @Override
        public EventKey key() {
            return new EventKey(type(), 0, 0, projectName + ":" + newHead, createdOn.getEpochSecond(), "", "");
        }
    }

    /** The server dropped events for this client: whatever came since must be fetched again. */
    record DroppedOutput(Instant createdOn) implements GerritEvent {
        @Override
        public String type() {
            return "dropped-output";
        }
    }

    /**
     * The replication plugin's events: {@code ref-replication-scheduled}, {@code ref-replicated}
     * (with {@code status}) and {@code ref-replication-done} (with {@code nodesCount}).
     *
     * @param type       which of the three
     * @param project    project name
     * @param ref        the ref replicated
     * @param targetNode the mirror (host or URI), empty on ref-replication-done
     * @param status     succeeded, failed, not-attempted... (ref-replicated only)
     * @param nodesCount how many mirrors were done (ref-replication-done only)
     */
    record RefReplication(
            String type,
            String project,
            String ref,
            String targetNode,
            String status,
            int nodesCount,
            Instant createdOn)
            implements GerritEvent {
        @Override
        public List<String> projects() {
            return List.of(project);
        }

        @Override
        public EventKey key() {
            return new EventKey(
                    type, 0, 0, project + ":" + ref + ">" + targetNode, createdOn.getEpochSecond(), "", status);
        }
    }

    /**
     * An event of a type this model does not know, kept whole.
     *
     * @param type the type as sent (empty when the object had none)
     * @param json the event's JSON text
     */
    record Unknown(String type, String json, Instant createdOn) implements GerritEvent {
        @Override
        public EventKey key() {
            return new EventKey(type, 0, 0, "", createdOn.getEpochSecond(), "", Integer.toHexString(json.hashCode()));
        }
    }
}
