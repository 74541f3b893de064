-- Indexes a page of the newest builds is read from backwards (NewestFirst), so that nothing is sorted:
-- a job of a project; a job's build times, the last to end first; held builds, which are rare
-- (without it, asking for them reads every build).
CREATE INDEX builds_project_job ON builds (project, job_name, id);
CREATE INDEX builds_job_times ON builds (job_name, project, end_time, id);
CREATE INDEX builds_held ON builds (held, id);
