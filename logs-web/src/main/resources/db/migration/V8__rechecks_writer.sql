-- One row that every writer of rechecks locks first, replicas too: the same comment heard by two of
-- them at once, dated a moment apart (the stream dates its event, Gerrit's REST API its message),
-- must leave one row, and no unique key can say "within a minute".

CREATE TABLE rechecks_writer (id INTEGER PRIMARY KEY);
INSERT INTO rechecks_writer (id) VALUES (1);
