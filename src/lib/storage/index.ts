/** IndexedDB through idb: saved pipelines and settings; checkpoints and savepoints later. */
export * from './db';
