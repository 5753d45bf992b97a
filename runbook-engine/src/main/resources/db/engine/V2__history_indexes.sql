-- The console's history filters by runbook, mode, outcome and trigger and pages by id (issue #7).
-- Each index ends in id, so a filtered page is one index range scan, newest first.

create index engine_execution_history_runbook on engine_execution (runbook_id, id);
create index engine_execution_history_mode on engine_execution (mode, id);
create index engine_execution_history_status on engine_execution (status, id);
create index engine_execution_history_trigger on engine_execution (trigger_kind, id);
