DROP TABLE sec_audit;
