-- When the on-call lead joined the incident by acknowledging a page to the lead (seed 003: a
-- sev-1 within 15 minutes, a sev-2 within 60; issue #18).
alter table incident add column lead_joined_at timestamp;
