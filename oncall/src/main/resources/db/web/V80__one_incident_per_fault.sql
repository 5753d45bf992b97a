-- One incident per fault, incidents and runs joined (issue #17).

-- The SLO and host an open incident answers for: a second alert of the same scope joins it
-- instead of opening another. Cleared when the incident resolves; the unique index lets two
-- console nodes open at most one incident per scope at a time (NULLs never collide).
alter table incident add column open_scope varchar(300);
create unique index incident_one_open_per_scope on incident (open_scope);

-- Every alert an incident holds, the one that opened it included: the incident closes when the
-- last of them resolves.
create table incident_alert (
    alert_key    varchar(200)  not null primary key,
    incident_id  bigint        not null references incident (id),
    alert_name   varchar(200)  not null,
    joined_at    timestamp     not null,
    resolved_at  timestamp
);
create index incident_alert_by_incident on incident_alert (incident_id);

-- Every run that worked an incident: the automatic or prepared one, and the interactive runs a
-- person started for it. An execution page links back to its incident through it.
create table incident_run (
    execution_id  bigint        not null primary key,
    incident_id   bigint        not null references incident (id),
    how           varchar(60)   not null,
    attached_at   timestamp     not null
);
create index incident_run_by_incident on incident_run (incident_id);

-- The run and the step a timeline entry belongs to, so the page can group a run's entries.
alter table incident_event add column execution_id bigint;
alter table incident_event add column step_number int;

-- Why a run was refused, withdrawn or expired, in words, for the incident page.
alter table incident_remediation add column reason varchar(1000);

-- The maintainers list was told of the incident, under this key: it is told of the resolve too.
create table maintainers_notice (
    incident_id  bigint        not null primary key references incident (id),
    dedup_key    varchar(200)  not null,
    notified_at  timestamp     not null
);
