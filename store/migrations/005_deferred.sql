-- Deferred work (R25): the complaint follow-ups, call backs and outbound calls a planner submitted
-- for a centre's month, as the JSON list of wfm.DeferredWork items. A new submission replaces the
-- month's list; who submitted it and when is kept here and in the audit trail.
CREATE TABLE deferred_work (
    centre_id  TEXT NOT NULL REFERENCES centres(id),
    month      TEXT NOT NULL,
    items      TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (centre_id, month)
);
