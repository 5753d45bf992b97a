-- Every evaluation of a check in the console's runs (issue #7): the engine keeps a step's last
-- observation, the execution page draws each one. No foreign key: db/engine is migrated after
-- db/web, by the engine's own store.
create table console_check_poll (
    execution_id  bigint        not null,
    seq           bigint        not null,
    step_number   int           not null,
    attempt       int           not null,
    poll          int           not null,
    polled_at     timestamp with time zone not null,
    verdict       varchar(20)   not null,
    observed      varchar(400)  not null,
    reading       varchar(400),
    reading_value double precision,
    primary key (execution_id, seq)
);
