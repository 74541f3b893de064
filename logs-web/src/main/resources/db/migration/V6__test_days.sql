-- Each test's runs summed per day, job and project, written with the runs: the lists over a window
-- (the most failing, the slowest, a job's tests) read these sums, not every run of the window.
CREATE TABLE test_days (
    test BIGINT NOT NULL REFERENCES tests (id),
    run_day DATE NOT NULL,
    job_name VARCHAR NOT NULL,
    project VARCHAR NOT NULL,
    -- runs that passed or failed; skips apart
    runs BIGINT NOT NULL,
    failures BIGINT NOT NULL,
    skips BIGINT NOT NULL,
    -- runs whose time is known, and their seconds
    timed BIGINT NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    CONSTRAINT test_days_key PRIMARY KEY (test, run_day, job_name, project)
);
CREATE INDEX test_days_day ON test_days (run_day);

-- failures read alone (few among many runs), and a build's run of one test found at once; a job's
-- tests are read from the daily sums, not by job from the runs
CREATE INDEX test_runs_status ON test_runs (status, start_time);
DROP INDEX test_runs_build;
CREATE INDEX test_runs_build ON test_runs (build_id, test);
DROP INDEX test_runs_job;
