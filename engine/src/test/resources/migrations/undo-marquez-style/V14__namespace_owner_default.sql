UPDATE namespaces SET current_owner_name = 'anonymous' WHERE current_owner_name IS NULL;
