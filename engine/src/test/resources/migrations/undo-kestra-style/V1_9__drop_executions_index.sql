DROP INDEX IF EXISTS executions_namespace;
CREATE INDEX IF NOT EXISTS executions_namespace_flow_id ON executions (deleted, namespace, flow_id);
