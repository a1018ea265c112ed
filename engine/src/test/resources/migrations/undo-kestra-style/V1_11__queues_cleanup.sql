DELETE FROM queues WHERE type = 'io.kestra.core.models.executions.ExecutionKilled';
