"""Storage: peewee models over one SQLite file, numbered migrations, safe opening."""
