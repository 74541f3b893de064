package org.opencontrail.web.deploy.sandbox.ci;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A change in the sandbox's Gerrit, with its patch sets, votes and review messages. Guarded by the world's lock. */
public final class SandboxChange {

    /** A patch set: number, commit and when it was uploaded. */
    public record PatchSet(int number, String revision, String parent, Instant createdOn, Person uploader) {

        public String ref(int change) {
            return "refs/changes/" + String.format("%02d", change % 100) + "/" + change + "/" + number;
        }
    }

    /** A review message, as Gerrit's REST API lists them. */
    public record Message(Instant date, Person author, String text, int patchSet, String tag) {}

    private final int number;
    private final CiCatalog.ProjectSpec project;
    private final String branch;
    private final String changeId;
    private String subject;
    private final Person owner;
    private final Instant createdOn;
    private List<String> dependsOn;
    private final String topic;
    /** The commit message as a real Gerrit gave it (Zuul mode); null when the sandbox writes its own. */
    private String message;

    private final List<PatchSet> patchSets = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private String status = "NEW";
    private int verified;
    private int codeReview;
    private int workflow;
    private Instant updated;
    private Instant submitted;
    private String mergedRevision;
    private Person submitter;

    SandboxChange(
            int number,
            CiCatalog.ProjectSpec project,
            String branch,
            String changeId,
            String subject,
            Person owner,
            Instant createdOn,
            List<String> dependsOn,
            String topic) {
        this.number = number;
        this.project = project;
        this.branch = branch;
        this.changeId = changeId;
        this.subject = subject;
        this.owner = owner;
        this.createdOn = createdOn;
        this.updated = createdOn;
        this.dependsOn = List.copyOf(dependsOn);
        this.topic = topic;
    }

    public int number() {
        return number;
    }

    public CiCatalog.ProjectSpec projectSpec() {
        return project;
    }

    public String project() {
        return project.name();
    }

    public String branch() {
        return branch;
    }

    public String changeId() {
        return changeId;
    }

    public String subject() {
        return subject;
    }

    public Person owner() {
        return owner;
    }

    public Instant createdOn() {
        return createdOn;
    }

    public List<String> dependsOn() {
        return dependsOn;
    }

    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    public List<PatchSet> patchSets() {
        return List.copyOf(patchSets);
    }

    public PatchSet current() {
        return patchSets.get(patchSets.size() - 1);
    }

    /** The patch set of this number (a change seen first at a later patch set has no earlier ones). */
    public Optional<PatchSet> patchSet(int number) {
        return patchSets.stream().filter(p -> p.number() == number).findFirst();
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public String status() {
        return status;
    }

    public int verified() {
        return verified;
    }

    public int codeReview() {
        return codeReview;
    }

    public int workflow() {
        return workflow;
    }

    public Instant updated() {
        return updated;
    }

    public Optional<Instant> submitted() {
        return Optional.ofNullable(submitted);
    }

    public Optional<String> mergedRevision() {
        return Optional.ofNullable(mergedRevision);
    }

    public Optional<Person> submitter() {
        return Optional.ofNullable(submitter);
    }

    public boolean open() {
        return status.equals("NEW");
    }

    /** The commit message of the current patch set: subject, body and footers. */
    public String commitMessage() {
        if (this.message != null) {
            return this.message;
        }
        StringBuilder message = new StringBuilder(subject)
                .append("\n\n")
                .append("This change was written in the sandbox of the CI web suite.\n\n");
        for (String dependency : dependsOn) {
            message.append("Depends-On: ").append(dependency).append('\n');
        }
        return message.append("Change-Id: ").append(changeId).append('\n').toString();
    }

    /** What a new patch set of a real change says of itself: its subject, message and Depends-On footers. */
    void revised(String subject, String message, List<String> dependsOn) {
        this.subject = subject;
        this.message = message;
        this.dependsOn = List.copyOf(dependsOn);
    }

    void addPatchSet(PatchSet patchSet) {
        patchSets.add(patchSet);
        patchSets.sort(java.util.Comparator.comparingInt(PatchSet::number));
        if (message != null) {
            // a real Gerrit keeps no approval on a reworked patch set (copied votes would come with the site's rules)
            codeReview = 0;
            workflow = 0;
        }
        verified = 0;
        updated = patchSet.createdOn();
    }

    void addMessage(Message message) {
        messages.add(message);
        updated = message.date();
    }

    void vote(String label, int value) {
        switch (label) {
            case "Verified" -> verified = value;
            case "Code-Review" -> codeReview = value;
            case "Workflow" -> workflow = value;
            default -> throw new IllegalArgumentException(label);
        }
    }

    void merged(String revision, Person by, Instant at) {
        status = "MERGED";
        mergedRevision = revision;
        submitter = by;
        submitted = at;
        updated = at;
    }

    void abandoned(Instant at) {
        status = "ABANDONED";
        updated = at;
    }

    void restored(Instant at) {
        status = "NEW";
        updated = at;
    }
}
