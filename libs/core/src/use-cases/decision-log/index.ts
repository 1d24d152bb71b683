/** The decision log: the recorder port of the authorize path, masking, cursors and the read use cases. */
export * from './decision-recorder.port';
export * from './decision-log-reader.port';
export * from './stored-context';
export * from './decision-log-cursor';
export * from './query-decision-log.use-case';
export * from './decision-log-stats.use-case';
