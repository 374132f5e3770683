// Imported first by the bench: the functions' logger reads its level when it is created.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_DEV ??= 'false';
