-- When a contact import last made progress (a chunk written, or a heartbeat from the node running it): an import
-- still 'running' with no progress for a lease period was left by a node that stopped, and is failed.
ALTER TABLE contact_import ADD COLUMN progress_at timestamptz;
UPDATE contact_import SET progress_at = COALESCE(finished_at, started_at);
ALTER TABLE contact_import ALTER COLUMN progress_at SET NOT NULL;
CREATE INDEX contact_import_running ON contact_import (progress_at) WHERE status = 'running';
