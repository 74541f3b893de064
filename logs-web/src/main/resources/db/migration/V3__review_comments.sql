-- The known-failures comments on failed changes: one row per failed buildset heard, claimed by one
-- replica at a time, so the comment is posted once across restarts and replicas.

CREATE TABLE review_comments (
    buildset_uuid VARCHAR(64) PRIMARY KEY,
    project VARCHAR NOT NULL,
    pipeline VARCHAR NOT NULL,
    branch VARCHAR NOT NULL,
    change_number INTEGER NOT NULL,
    patchset INTEGER NOT NULL,
    revision VARCHAR NOT NULL,
    -- waiting (for its builds, or for Gerrit), posted, refused (Gerrit said 400 or 409), given-up
    state VARCHAR(16) NOT NULL,
    reported TIMESTAMP NOT NULL,
    -- the replica posting it, until lease_until; another may take it once that has passed
    owner VARCHAR,
    lease_until TIMESTAMP,
    attempts INTEGER NOT NULL,
    last_error VARCHAR NOT NULL,
    done TIMESTAMP
);
CREATE INDEX review_comments_state ON review_comments (state, reported);

-- the failed voting builds each comment speaks of, in the order Zuul reported them
CREATE TABLE review_comment_builds (
    buildset_uuid VARCHAR(64) NOT NULL REFERENCES review_comments (buildset_uuid),
    position INTEGER NOT NULL,
    build_uuid VARCHAR(64) NOT NULL,
    job_name VARCHAR NOT NULL,
    PRIMARY KEY (buildset_uuid, position)
);
