DELETE FROM users WHERE email = 'admin@example.com';
