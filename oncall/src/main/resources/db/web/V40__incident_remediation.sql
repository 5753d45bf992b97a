-- What an alert's runbook did once its incident opened (issue #8): the policy (off, suggest,
-- auto), where it stands, the execution, and when it is due (an approval's expiry, or the time
-- the alert has to resolve after a successful run). One row per incident: of two console nodes
-- that both take the same firing, only the one that inserts it starts an execution.
create table incident_remediation (
    incident_id   bigint        not null primary key references incident (id),
    runbook_id    varchar(100)  not null,
    policy        varchar(16)   not null,
    state         varchar(32)   not null,
    execution_id  bigint,
    due_at        timestamp,
    updated_at    timestamp     not null
);
create index incident_remediation_due on incident_remediation (state, due_at);
