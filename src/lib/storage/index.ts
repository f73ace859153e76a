/** IndexedDB through idb: saved pipelines and settings; checkpoints (checkpoints.ts). */
export * from './db';
export * from './checkpoints';
