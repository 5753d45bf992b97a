-- Console users are scoped tokens. Only a SHA-256 of the secret part is stored.
create table console_token (
    id          varchar(32)  not null primary key,
    name        varchar(200) not null,
    role        varchar(16)  not null,
    secret_hash varchar(64)  not null,
    created_at  timestamp    not null,
    revoked_at  timestamp
);

-- Secrets every console node must share (the CSRF signing key); created once by whichever node starts first.
create table console_secret (
    name  varchar(64)  not null primary key,
    secret_value varchar(128) not null
);
