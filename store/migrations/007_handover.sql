-- The handover of a hall post (R24) an A holder gives with a leave request: the JSON of
-- wfm.Handover (posts handed over, to whom, a note), empty for a request without one.
ALTER TABLE leave_requests ADD COLUMN handover TEXT NOT NULL DEFAULT '';
