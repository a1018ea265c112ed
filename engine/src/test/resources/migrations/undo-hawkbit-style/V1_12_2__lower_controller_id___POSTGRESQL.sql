UPDATE sp_target SET controller_id = lower(controller_id);
