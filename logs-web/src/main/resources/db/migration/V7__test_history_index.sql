-- A test's history read from one index alone: its runs' time, status and build, in the order of
-- time, without a look at each run's row (a test's runs lie one build apart in the table, each on a
-- page of its own). The build's job, ref and project come from the builds, a few thousand rows.
CREATE INDEX test_runs_history ON test_runs (test, start_time, status, stop_time, duration, build_id);
DROP INDEX test_runs_test;
