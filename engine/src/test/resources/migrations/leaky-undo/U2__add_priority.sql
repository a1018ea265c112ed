DROP INDEX users_priority_idx;
