import type { Breakpoint, PipelineDocument } from '../pipeline';
import type { BreakpointHit } from '../engine/breakpoints';
import type { FateCounter, FateMark, RecordFate } from '../engine/fates';
import type { ResultOrigin } from '../engine/resultOrigin';
import type {
  ChannelStatus,
  FaultToleranceStatus,
  SimulationError,
  SinkRecord,
  SourceStatus,
  SubtaskState,
  SubtaskStatus,
  TraceEvent,
  UnmappedState,
} from '../engine/api';

/** A savepoint in the list (its state stays in IndexedDB). */
export interface SavepointInfo {
  id: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  docName: string;
  /** Processing time of the run when it was taken. */
  time: number;
  eventCount: number;
  bytes: number;
}

/** Why a savepoint could not be taken, kept or started from (codes; the UI words them). */
export type SavepointProblem =
  | { code: 'batch' | 'RESTARTING' | 'FAILED' | 'FINISHED' | 'notStarted' }
  | { code: 'storage'; message: string }
  | { code: 'missing'; id: number }
  | { code: 'unmapped'; id: number; unmapped: UnmappedState[] };

/** How far one Step goes. */
export type StepTarget = 'event' | 'watermark' | 'firing';

/** Speed while playing: virtual milliseconds per real second, or as fast as possible. */
export type Speed = number | 'max';

/** UI → Worker. Plain data only (structured clone). */
export type ToWorker =
  | { type: 'load'; doc: PipelineDocument; seed?: number }
  | { type: 'play'; speed: Speed }
  | { type: 'speed'; speed: Speed }
  | { type: 'pause' }
  | { type: 'step'; target: StepTarget }
  | { type: 'runTo'; time: number }
  | { type: 'reset' }
  /** Re-simulates from the start to the given number of processed events (backwards seek). */
  | { type: 'seek'; eventCount: number }
  /** Which node's state the snapshots carry (null: none); sent when the state view changes. */
  | { type: 'watch'; node: string | null }
  /**
   * Which node the timeline follows (null: none): paused snapshots carry the older events at it,
   * and the next snapshot its recent history (`followedTrace`). Sent when the timeline changes.
   */
  | { type: 'follow'; node: string | null }
  /** The UI has drawn the last snapshot: the Worker may send the next (one per frame at most). */
  | { type: 'ack' }
  /**
   * After the UI stopped a stuck Worker: re-run the same document deterministically in a new
   * Worker up to `eventCount`, then on, reporting each node whose user function starts, so the
   * last one reported before the hang is the culprit.
   */
  | { type: 'diagnose'; doc: PipelineDocument; seed?: number; eventCount: number }
  /** Fails a subtask now (the Inject failure button). */
  | { type: 'injectFailure'; node: string; subtask?: number }
  /** Starts the loaded document again from a checkpoint stored in IndexedDB (after a reload). */
  | { type: 'resume'; checkpoint: number }
  /** The breakpoints changed (run mode's list): the run goes on with these. */
  | { type: 'breakpoints'; breakpoints: Breakpoint[] }
  /** Which record's fate the snapshots carry (the record inspector); null: none. */
  | { type: 'inspectRecord'; id: number | null }
  /** Shows where a Results row came from (its record's fate, or its window and records). */
  | { type: 'inspectResult'; row: SinkRecord }
  /** Takes a savepoint of the run now and keeps it in IndexedDB (`createdAt`: the wall clock). */
  | { type: 'takeSavepoint'; createdAt: number }
  /**
   * Starts the loaded document from a stored savepoint, matching state by node id; refused with
   * the unmapped state listed unless `allowNonRestoredState`.
   */
  | { type: 'startFromSavepoint'; id: number; allowNonRestoredState: boolean }
  /** Asks for the list of savepoints (answered with 'savepoints', no snapshot). */
  | { type: 'listSavepoints' }
  | { type: 'deleteSavepoint'; id: number };

/** What the UI needs to draw one frame of the run. */
export interface RunSnapshot {
  /** Commands this Worker has handled so far (the UI knows from it which are still owed). */
  handled: number;
  now: number;
  eventCount: number;
  finished: boolean;
  playing: boolean;
  status: SubtaskStatus[];
  /** The last rows per sink (the table shows these) and how many rows each sink has in all. */
  sinks: { node: string; total: number; rows: SinkRecord[] }[];
  /** Trace events since the previous snapshot (bounded). */
  trace: TraceEvent[];
  /**
   * Once after a 'follow': the events at that node the Worker still holds (its newest records,
   * its watermarks, windows and drops, and the job's failures and restores), oldest first, and the
   * processing time from which they are complete (0: from the start). They include that node's
   * events of `trace`.
   */
  followedTrace?: { node: string; events: TraceEvent[]; since: number };
  /** Every channel of the physical graph with its counts. */
  channels: ChannelStatus[];
  /** The state of the watched node's subtasks (see the 'watch' command); null when none. */
  state: { node: string; subtasks: SubtaskState[] } | null;
  /** Why the last step stopped, in words (e.g. "watermark of window1 advanced to 4999"). */
  stepNote: string | null;
  /** The same note as an English template and its values, for the UI to translate. */
  stepNoteText?: { text: string; values: Record<string, string | number> } | null;
  /** Checkpoints, failures, restarts, job status. */
  faultTolerance?: FaultToleranceStatus;
  /** The savepoint this run started from, if any. */
  fromSavepoint?: number;
  /** Exactly-once sinks: records written but not committed yet, per sink. */
  pending?: { node: string; count: number }[];
  /** Records whose fate changed since the previous snapshot (bounded, the newest). */
  fates?: FateMark[];
  /** Fate counters per node, since the start of the run (exact when fatesUnfollowed is 0). */
  fateCounts?: Record<string, Record<FateCounter, number>>;
  /**
   * Trace events the fate tracker never read: at full speed more can happen between two reads
   * than the trace ring holds, and after a seek the events before its point are gone.
   */
  fatesUnfollowed?: number;
  /** Errors of user code and of the run so far: how many, and the latest few. */
  errors?: { count: number; latest: SimulationError[] };
  /** The record the inspector follows (see 'inspectRecord'); null when none or no longer kept. */
  record?: RecordFate | null;
  /** The origin of the Results row asked for (see 'inspectResult'), when not one record. */
  origin?: ResultOrigin | null;
  /** The breakpoint that paused the run (null when none did). */
  breakpointHit?: BreakpointHit | null;
  /** Every source subtask (records, last record time, idle): what explanations read. */
  sources?: SourceStatus[];
}

/** Worker → UI. */
export type FromWorker =
  | { type: 'snapshot'; snapshot: RunSnapshot }
  | { type: 'error'; message: string; node?: string }
  /** Sent, in diagnose mode, when a user function of another node than the last one starts. */
  | { type: 'entering'; node: string }
  /** Diagnose mode ran to the end without hanging. */
  | { type: 'diagnosed' }
  /** Checkpoints of the loaded document found in IndexedDB (from an earlier page), oldest first. */
  | { type: 'storedCheckpoints'; checkpoints: { id: number; completeTime: number }[] }
  /** Every stored savepoint, oldest first; `taken`: the one just taken. */
  | { type: 'savepoints'; savepoints: SavepointInfo[]; taken?: number }
  | { type: 'savepointProblem'; problem: SavepointProblem };
