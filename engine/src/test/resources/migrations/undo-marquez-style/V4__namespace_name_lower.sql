CREATE UNIQUE INDEX namespaces_lower_name_idx ON namespaces (lower(name));
