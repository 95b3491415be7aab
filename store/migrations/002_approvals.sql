-- Approvals and the roster versions that show them.
--
-- decisions holds each centre's decision number: every approval (and every roster version made
-- from the approvals) takes the next one inside its transaction, by an upsert that also locks the
-- centre's row until the transaction ends, so that approvals of one centre are checked and written
-- one at a time (R6, R10) on either store.
CREATE TABLE decisions (
    centre_id TEXT PRIMARY KEY REFERENCES centres(id),
    seq       BIGINT NOT NULL
);

-- The decision number of an approval: what a roster taken before it must re-apply.
ALTER TABLE leave_requests ADD COLUMN decided_seq BIGINT;
ALTER TABLE swap_requests ADD COLUMN decided_seq BIGINT;

-- How a roster version was made (solve, repair, change) and the centre's decision number when its
-- problem was taken: every approval with a higher number was decided after it.
ALTER TABLE rosters ADD COLUMN kind TEXT NOT NULL DEFAULT 'solve';
ALTER TABLE rosters ADD COLUMN taken_seq BIGINT NOT NULL DEFAULT 0;
