import type { FromWorker, Speed, ToWorker } from './protocol';
import { RunSession, type SessionOptions } from './session';
import { setExpressionProbe } from '../engine';
import type { PipelineDocument } from '../pipeline';
import { MemoryCheckpointStore, type StoredCheckpoint } from '../engine/checkpoints/store';
import {
  CheckpointMirror,
  loadCheckpoints,
  openCheckpointDb,
  pipelineKey,
  type CheckpointDatabase,
} from '../storage/checkpoints';
import {
  deleteSavepoint,
  listSavepoints,
  loadSavepoint,
  openStreamlabDb,
  saveSavepoint,
  type StreamlabDatabase,
} from '../storage/db';
import { mapSavepoint, SavepointRefusedError } from '../engine/checkpoints/savepoint';

/** The Worker that runs the simulation; the main thread never does. */
const FRAME_MS = 16;
let session: RunSession | null = null;
let playing = false;
let speed: Speed = 1000;
let timer: ReturnType<typeof setTimeout> | null = null;
/** The node whose state snapshots carry (the state view), or null. */
let watched: string | null = null;
/** The node the timeline follows (see RunSession.follow), or null. */
let followed: string | null = null;
/** Commands handled that expect an answer (every one but speed, watch, ack). */
let handled = 0;
/**
 * Flow control: after a snapshot the Worker waits for the UI's 'ack' (sent once it has drawn a
 * frame) before it sends the next, so the UI gets at most one batch per animation frame however
 * fast the engine runs. Snapshots due meanwhile are merged into the next one.
 */
let awaitingAck = false;
let owed = false;

function post(message: FromWorker) {
  postMessage(message);
}

// Checkpoints: the engine writes to a memory store; each run's store is mirrored into
// IndexedDB after the engine's step (asynchronously), and what an earlier page stored for the
// same pipeline is read back at load so that a run can resume from it.
let checkpointDb: Promise<CheckpointDatabase> | null = null;
try {
  checkpointDb = typeof indexedDB === 'undefined' ? null : openCheckpointDb();
  checkpointDb?.catch(() => (checkpointDb = null));
} catch {
  checkpointDb = null;
}
let loaded: { doc: PipelineDocument; seed?: number } | null = null;
let stored: StoredCheckpoint[] = [];

function sessionOptions(doc: PipelineDocument, resumed: boolean): SessionOptions {
  const db = checkpointDb;
  return {
    newStore: () => {
      const store = new MemoryCheckpointStore();
      if (db) {
        const mirror = new CheckpointMirror(db, pipelineKey(doc), resumed);
        store.onChange = (change) => mirror.apply(change);
      }
      return store;
    },
  };
}

// Savepoints live in the app's database (a store of their own), one value each.
let savepointDb: Promise<StreamlabDatabase> | null = null;
function savepoints(): Promise<StreamlabDatabase> {
  savepointDb ??= openStreamlabDb();
  return savepointDb;
}

async function postSavepoints(taken?: number) {
  const list = await listSavepoints(await savepoints());
  post({
    type: 'savepoints',
    savepoints: list.map((s) => ({
      id: s.id!,
      createdAt: s.createdAt,
      docName: s.docName,
      time: s.time,
      eventCount: s.eventCount,
      bytes: s.bytes,
    })),
    ...(taken !== undefined ? { taken } : {}),
  });
}

function storageProblem(e: unknown) {
  post({ type: 'savepointProblem', problem: { code: 'storage', message: (e as Error).message } });
}

function takeSavepoint(createdAt: number) {
  if (!session || !loaded) {
    post({ type: 'savepointProblem', problem: { code: 'notStarted' } });
    return;
  }
  let data;
  try {
    data = session.simulation.takeSavepoint();
  } catch (e) {
    if (!(e instanceof SavepointRefusedError)) throw e;
    post({ type: 'savepointProblem', problem: { code: e.code } });
    return;
  }
  const bytes = Object.values(data.subtasks).reduce((a, b) => a + b.byteLength, 0);
  const doc = loaded.doc;
  void savepoints()
    .then((db) => saveSavepoint(db, { ...data, createdAt, docName: doc.name, bytes }))
    .then((id) => postSavepoints(id))
    .catch(storageProblem);
}

async function startFromSavepoint(id: number, allowNonRestoredState: boolean) {
  if (!loaded) return;
  const sp = await loadSavepoint(await savepoints(), id);
  if (!sp) {
    post({ type: 'savepointProblem', problem: { code: 'missing', id } });
    return;
  }
  const doc = loaded.doc;
  const { unmapped } = mapSavepoint(sp, doc);
  if (unmapped.length > 0 && !allowNonRestoredState) {
    post({ type: 'savepointProblem', problem: { code: 'unmapped', id, unmapped } });
    return;
  }
  stopTimer();
  playing = false;
  session = new RunSession(doc, loaded.seed, {
    ...sessionOptions(doc, false),
    fromSavepoint: { savepoint: sp, id, allowNonRestoredState },
  });
  sendSnapshot();
}

function readStored(doc: PipelineDocument) {
  const db = checkpointDb;
  stored = [];
  if (!db) return;
  void db
    .then((d) => loadCheckpoints(d, pipelineKey(doc)))
    .then((list) => {
      if (loaded?.doc !== doc) return;
      stored = list;
      post({
        type: 'storedCheckpoints',
        checkpoints: list.map((c) => ({ id: c.id, completeTime: c.completeTime })),
      });
    })
    .catch(() => undefined);
}

function sendSnapshot() {
  if (!session) return;
  if (awaitingAck) {
    owed = true;
    return;
  }
  awaitingAck = true;
  owed = false;
  session.follow(followed);
  post({ type: 'snapshot', snapshot: { ...session.snapshot(playing, watched), handled } });
}

function tick() {
  timer = null;
  if (!session || !playing) return;
  try {
    if (speed === 'max') {
      // As fast as possible, in slices of about a frame, so a Pause is answered at once.
      const start = performance.now();
      do {
        if (session.advance('max')) playing = false; // a breakpoint hit
      } while (playing && !session.simulation.finished && performance.now() - start < FRAME_MS - 4);
    } else if (session.advance((speed * FRAME_MS) / 1000)) playing = false;
  } catch (err) {
    playing = false;
    post({ type: 'error', message: (err as Error).message });
  }
  if (session.simulation.finished) playing = false;
  sendSnapshot();
  if (playing) timer = setTimeout(tick, speed === 'max' ? 0 : FRAME_MS);
}

function stopTimer() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'ack') {
    awaitingAck = false;
    if (owed) sendSnapshot();
    return;
  }
  if (msg.type === 'listSavepoints') {
    void postSavepoints().catch(storageProblem);
    return;
  }
  if (
    msg.type !== 'speed' &&
    msg.type !== 'watch' &&
    msg.type !== 'follow' &&
    msg.type !== 'breakpoints' &&
    msg.type !== 'inspectRecord' &&
    msg.type !== 'inspectResult'
  )
    handled++;
  try {
    switch (msg.type) {
      case 'load':
        stopTimer();
        playing = false;
        loaded = { doc: msg.doc, seed: msg.seed };
        session = new RunSession(msg.doc, msg.seed, sessionOptions(msg.doc, false));
        readStored(msg.doc);
        break;
      case 'resume':
        if (!loaded) break;
        stopTimer();
        playing = false;
        session = new RunSession(loaded.doc, loaded.seed, {
          ...sessionOptions(loaded.doc, true),
          resume: { checkpoints: stored, id: msg.checkpoint },
        });
        break;
      case 'takeSavepoint':
        takeSavepoint(msg.createdAt);
        break;
      case 'startFromSavepoint':
        void startFromSavepoint(msg.id, msg.allowNonRestoredState).catch((e: unknown) =>
          post({ type: 'error', message: (e as Error).message }),
        );
        break;
      case 'deleteSavepoint':
        void savepoints()
          .then((db) => deleteSavepoint(db, msg.id))
          .then(() => postSavepoints())
          .catch(storageProblem);
        break;
      case 'injectFailure':
        session?.injectFailure(msg.node, msg.subtask);
        break;
      case 'play':
        speed = msg.speed;
        playing = true;
        if (timer === null) timer = setTimeout(tick, 0);
        return;
      case 'speed':
        speed = msg.speed;
        return;
      case 'watch':
        watched = msg.node;
        break;
      case 'follow':
        followed = msg.node;
        session?.follow(followed);
        break;
      case 'breakpoints':
        if (loaded)
          loaded = {
            ...loaded,
            doc: {
              ...loaded.doc,
              settings: { ...loaded.doc.settings, breakpoints: msg.breakpoints },
            },
          };
        session?.setBreakpoints(msg.breakpoints);
        break;
      case 'inspectRecord':
        session?.inspectRecord(msg.id);
        break;
      case 'inspectResult':
        session?.inspectResult(msg.row);
        break;
      case 'pause':
        playing = false;
        stopTimer();
        break;
      case 'step':
        playing = false;
        stopTimer();
        session?.step(msg.target);
        break;
      case 'runTo':
        playing = false;
        stopTimer();
        session?.runTo(msg.time);
        break;
      case 'reset':
        playing = false;
        stopTimer();
        session?.reset();
        break;
      case 'diagnose': {
        let last = '';
        let armed = false;
        setExpressionProbe((node) => {
          if (armed && node !== last) post({ type: 'entering', node: (last = node) });
        });
        const probe = new RunSession(msg.doc, msg.seed);
        probe.seek(msg.eventCount);
        armed = true; // report only from the event where the stuck run was
        probe.simulation.run();
        post({ type: 'diagnosed' });
        return;
      }
      case 'seek':
        playing = false;
        stopTimer();
        session?.seek(msg.eventCount);
        break;
    }
    sendSnapshot();
  } catch (err) {
    playing = false;
    stopTimer();
    post({ type: 'error', message: (err as Error).message });
  }
};
