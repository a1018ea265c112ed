DROP TABLE diary;
DROP TYPE mood;
