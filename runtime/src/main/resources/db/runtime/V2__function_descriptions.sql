-- Issue #16: a start reads what the API says about each function from here instead of compiling
-- every module. exports is the JSON array of GET /functions/{id}; compiles is whether Chicory's
-- compiler took the module (NULL: not tried yet). Rows from before stay NULL until the first start
-- of this release describes them once.
ALTER TABLE runtime_functions ADD COLUMN exports TEXT;
ALTER TABLE runtime_functions ADD COLUMN compiles BOOLEAN;
