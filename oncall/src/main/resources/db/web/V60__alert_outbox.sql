-- The alert_event row is the outbox of its alert (issue #16): the node that admits a state change
-- claims it, and marks it handled once the incident is opened and paged and its runbook started.
-- A row a crash left unhandled is taken again, by a retry or by any node's sweep, once its claim
-- is stale. Rows from before this migration were handled as they arrived.
alter table alert_event add column claimed_at timestamp;
alter table alert_event add column handled_at timestamp;
update alert_event set claimed_at = received_at, handled_at = received_at;
