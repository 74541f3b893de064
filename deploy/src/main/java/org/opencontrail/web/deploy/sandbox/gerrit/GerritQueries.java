package org.opencontrail.web.deploy.sandbox.gerrit;

/** The data behind the sandbox's Gerrit REST answers (JSON, without the XSSI prefix). */
public interface GerritQueries {

    /** {@code GET /projects/?d}: a map of name to project info. */
    String projects();

    /** {@code GET /changes/?q=QUERY&n=LIMIT&S=START}: a list of change infos. */
    String changes(String query, int limit, int start);

    /** No projects, no changes: a stream-only sandbox. */
    GerritQueries NONE = new GerritQueries() {
        @Override
        public String projects() {
            return "{}";
        }

        @Override
        public String changes(String query, int limit, int start) {
            return "[]";
        }
    };
}
