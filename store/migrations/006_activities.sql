-- Activities off the phones (R15): the training, exams and meetings and the rooms a planner
-- submitted for a centre's month, as the JSON of a wfm.ActivityPlan. A new submission replaces the
-- month's plan; who submitted it and when is kept here and in the audit trail.
CREATE TABLE activities (
    centre_id  TEXT NOT NULL REFERENCES centres(id),
    month      TEXT NOT NULL,
    plan       TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (centre_id, month)
);
