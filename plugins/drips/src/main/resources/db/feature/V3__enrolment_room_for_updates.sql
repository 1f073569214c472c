-- Each step a contact takes rewrites its enrolment row (step_id, due_at: neither is indexed). Room left in each page
-- lets PostgreSQL keep the new version in the same page without touching the table's four indexes (a HOT update);
-- full pages, as a bulk enrolment leaves them, cost an entry in every index per step. Applies to pages written from
-- now on.
ALTER TABLE enrolment SET (fillfactor = 70);
