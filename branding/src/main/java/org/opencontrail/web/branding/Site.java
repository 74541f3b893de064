package org.opencontrail.web.branding;

/** The suite's three sites, in the order the navigation shows them. */
public enum Site {
    STATUS("Status", "Live pipelines"),
    LOGS("Logs", "Build logs and known failures"),
    GIT("Git", "Source repositories");

    private final String label;
    private final String description;

    Site(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The word the navigation shows. */
    public String label() {
        return label;
    }

    /** A few words on what the site holds, for titles and link hints. */
    public String description() {
        return description;
    }
}
