-- Fleet steps (issue #21): a step of a fleet block is recorded once per member, with the member's
-- name and its batch (canary, batch 1, ...). Empty for steps that addressed no member.

alter table engine_step add column member_name varchar(200) default '' not null;
alter table engine_step add column member_batch varchar(40) default '' not null;

-- Guardrails count per runbook and target, so one member's remediations do not use up another's.
create index engine_execution_by_target on engine_execution (runbook_id, target, mode, started_at);
