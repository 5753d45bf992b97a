-- The function registry (issue #4): a restart loses no function and ids stay stable.
-- BYTEA is PostgreSQL's binary type and an alias of BINARY VARYING in H2, so one script serves both.
CREATE TABLE runtime_functions (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant      VARCHAR(128) NOT NULL,
    name        VARCHAR(128) NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    wasm        BYTEA        NOT NULL,
    created_at  TIMESTAMP    NOT NULL
);

CREATE INDEX runtime_functions_tenant ON runtime_functions (tenant);
