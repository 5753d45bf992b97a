-- On-call schedules (issue #20): people, schedules made of layers of rotations with overrides and
-- swaps on top, escalation policies naming schedules or people per tier, and the revocable tokens
-- of their calendar feeds. A schedule is written whole, so an import or the rotation file replaces
-- it in one transaction; instants are stored with their offset so a DST change cannot shift them.
create table oncall_person (
    name    varchar(200)  not null primary key,
    email   varchar(320),
    source  varchar(200)  not null
);
create unique index oncall_person_email on oncall_person (email);

create table oncall_schedule (
    name        varchar(200)  not null primary key,
    time_zone   varchar(64)   not null,
    source      varchar(200)  not null,
    updated_at  timestamp with time zone not null
);

create table oncall_layer (
    schedule_name  varchar(200)  not null references oncall_schedule (name) on delete cascade,
    position       int           not null,
    name           varchar(200)  not null,
    members        varchar(8000) not null,
    time_zone      varchar(64)   not null,
    start_local    varchar(32)   not null,
    shift_minutes  bigint        not null,
    until_at       timestamp with time zone,
    primary key (schedule_name, position)
);

create table oncall_override (
    schedule_name  varchar(200)  not null references oncall_schedule (name) on delete cascade,
    position       int           not null,
    from_at        timestamp with time zone not null,
    to_at          timestamp with time zone not null,
    person         varchar(200)  not null,
    note           varchar(300)  not null,
    primary key (schedule_name, position)
);

create table escalation_policy (
    name        varchar(200)  not null primary key,
    source      varchar(200)  not null,
    updated_at  timestamp with time zone not null
);

create table escalation_tier (
    policy_name          varchar(200)  not null references escalation_policy (name) on delete cascade,
    position             int           not null,
    schedule_name        varchar(200),
    person               varchar(200),
    ack_timeout_seconds  bigint        not null,
    primary key (policy_name, position)
);

-- A feed token is the only way a calendar reaches a schedule: the URL carries it, the database
-- keeps its SHA-256, and a revoked feed answers 404.
create table calendar_feed (
    id             varchar(32)   not null primary key,
    secret_hash    varchar(64)   not null,
    schedule_name  varchar(200),
    person         varchar(200),
    created_by     varchar(200)  not null,
    created_at     timestamp with time zone not null,
    revoked_at     timestamp with time zone
);
