import type { TraceEvent } from '../../engine/api';
import { locale, t } from '../../i18n';
import {
  applyChanges,
  documentForStep,
  goalReached,
  loadLessons,
  loadedDocument,
  probe,
  sameAnswer,
  type Answer,
  type Lesson,
  type LessonStep,
  type LessonTexts,
  type RunCommand,
  type StepText,
} from '../../lessons';
import type { PipelineDocument } from '../../pipeline';
import type { RunSnapshot } from '../../worker/protocol';
import type { DocumentLibrary } from '../documents/library.svelte';
import type { PipelineStore } from '../document.svelte';
import type { RunController } from '../run/run.svelte';
import {
  emptyProgress,
  readProgress,
  writeProgress,
  type LessonProgress,
  type Progress,
} from './progress';

/** Trace events kept for the checks of one step (lessons run small pipelines). */
const TRACE_KEEP = 200_000;
/** "Run to the end": a re-simulation to this many events (every lesson pipeline is bounded). */
const END_EVENTS = 10_000_000;

export interface PredictionResult {
  right: boolean;
  given: Answer;
  actual: Answer;
}

/** The English accessible name of every control a learner may be asked to press. */
function controlName(el: Element): string {
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
}

/**
 * Plays lessons: opens their pipelines, runs their commands, checks the learner's actions and
 * predictions against the run and the document, and keeps the progress in IndexedDB.
 */
export class LessonPlayer {
  lessons = $state.raw<Lesson[]>([]);
  problems = $state.raw<string[]>([]);
  loaded = $state(false);
  progress = $state.raw<Progress>(emptyProgress());
  lesson = $state.raw<Lesson | null>(null);
  index = $state(0);
  /** Commands of the step are running: the controls wait. */
  busy = $state(false);
  error = $state<string | null>(null);
  result = $state.raw<PredictionResult | null>(null);
  /** The latest snapshot of the run (every one, not only the drawn ones). */
  latest = $state.raw<RunSnapshot | null>(null);
  private pressed = $state.raw<string[]>([]);
  private docAtStart = $state.raw<PipelineDocument | null>(null);
  private trace: TraceEvent[] = [];
  private traceVersion = $state(0);
  private off: (() => void)[] = [];

  readonly step: LessonStep | null = $derived(this.lesson?.structure.steps[this.index] ?? null);
  readonly texts: LessonTexts | null = $derived(
    this.lesson ? (this.lesson.texts[locale()] ?? this.lesson.texts.en) : null,
  );
  readonly stepText: StepText | null = $derived(
    this.lesson && this.step
      ? (this.texts?.steps[this.step.id] ?? this.lesson.texts.en.steps[this.step.id] ?? null)
      : null,
  );
  /** Whether the step's task is met right now (by the run or the document). */
  readonly goalNow: boolean = $derived.by(() => {
    const goal = this.step?.expect;
    if (!goal || !this.docAtStart || this.busy) return false;
    void this.traceVersion;
    return goalReached(
      goal,
      { snapshot: this.latest, trace: this.trace },
      { doc: this.store.doc, docAtStart: this.docAtStart, pressed: this.pressed },
    );
  });
  /** The step's task or prediction is done (or it has none): Next is open. */
  readonly stepDone: boolean = $derived.by(() => {
    const step = this.step;
    if (!step || !this.lesson) return false;
    if (step.predict)
      return this.result !== null || step.id in this.lessonProgress(this.lesson.id).answers;
    if (step.expect)
      return this.goalNow || this.lessonProgress(this.lesson.id).done.includes(step.id);
    return true;
  });

  constructor(
    private readonly store: PipelineStore,
    private readonly run: RunController,
    private readonly startRun: () => void,
    private readonly library: () => DocumentLibrary | null,
    /** Fits the canvas to the pipeline (after a step put another one there). */
    private readonly fit: () => void = () => {},
  ) {
    this.off.push(
      run.onSnapshot((s) => {
        this.latest = s;
        if (s.trace.length > 0) {
          this.trace.push(...s.trace);
          if (this.trace.length > TRACE_KEEP) this.trace.splice(0, this.trace.length - TRACE_KEEP);
          this.traceVersion++;
        }
      }),
    );
    const onClick = (event: MouseEvent) => this.noticePress(event);
    document.addEventListener('click', onClick, true);
    this.off.push(() => document.removeEventListener('click', onClick, true));
  }

  dispose() {
    for (const off of this.off) off();
  }

  /** Reads the lessons and the saved progress; resumes the lesson that was open, if its pipeline is. */
  async start(): Promise<void> {
    const [{ lessons, problems }, progress] = await Promise.all([loadLessons(), readProgress()]);
    this.lessons = lessons;
    this.problems = problems;
    this.progress = progress;
    this.loaded = true;
    const current = lessons.find((l) => l.id === progress.current);
    const saved = current && progress.lessons[current.id];
    if (
      current &&
      saved &&
      !saved.finished &&
      saved.docId &&
      saved.docId === this.library()?.currentId
    ) {
      this.lesson = current;
      await this.enter(Math.min(saved.step, current.structure.steps.length - 1), 'resume');
    }
  }

  lessonProgress(id: string): LessonProgress {
    return this.progress.lessons[id] ?? { step: 0, done: [], answers: {}, finished: false };
  }

  private save(id: string, patch: Partial<LessonProgress>, current = this.progress.current) {
    this.progress = {
      current,
      lessons: { ...this.progress.lessons, [id]: { ...this.lessonProgress(id), ...patch } },
    };
    void writeProgress(this.progress);
  }

  /** Opens a lesson at its saved step (the first for a new or finished one). */
  async open(lesson: Lesson): Promise<void> {
    const saved = this.lessonProgress(lesson.id);
    this.lesson = lesson;
    const at = saved.finished ? 0 : Math.min(saved.step, lesson.structure.steps.length - 1);
    if (saved.finished) this.save(lesson.id, { finished: false, done: [], answers: {}, step: 0 });
    await this.enter(at, 'fresh');
  }

  /** Back to the list of lessons (the pipeline stays as it is). */
  leave() {
    this.lesson = null;
    this.result = null;
    this.progress = { ...this.progress, current: null };
    void writeProgress(this.progress);
  }

  async next(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || !this.stepDone || this.busy) return;
    if (this.index + 1 >= lesson.structure.steps.length) {
      this.save(lesson.id, { finished: true, step: 0 }, null);
      this.lesson = null;
      this.result = null;
      return;
    }
    await this.enter(this.index + 1, 'forward');
  }

  async back(): Promise<void> {
    if (!this.lesson || this.index === 0 || this.busy) return;
    await this.enter(this.index - 1, 'fresh');
  }

  /**
   * Shows step `i`. fresh: its pipeline set up from scratch (opening a lesson, going back);
   * forward: its load and changes applied to the pipeline as the learner left it; resume: the
   * pipeline as it is (after a reload). Then the step's run commands.
   */
  private async enter(i: number, mode: 'fresh' | 'forward' | 'resume'): Promise<void> {
    const lesson = this.lesson!;
    const step = lesson.structure.steps[i];
    this.busy = true;
    this.error = null;
    this.result = null;
    this.index = i;
    try {
      if (mode === 'fresh') await this.show(documentForStep(lesson.structure.steps, i)!, true);
      else if (mode === 'forward' && step.load)
        await this.show(applyChanges(loadedDocument(step.load), step.changes), true);
      else if (mode === 'forward' && step.changes.length > 0)
        this.store.change(applyChanges(this.store.doc, step.changes));
      // A new pipeline starts with a new run (not the finished run of the last one).
      if (mode !== 'resume' && (step.load || mode === 'fresh')) await this.loadRun();
      for (const c of step.run) await this.command(c);
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.trace = [];
    this.traceVersion++;
    this.pressed = [];
    this.docAtStart = this.store.doc;
    // Run figures make nodes grow: each step starts with the whole pipeline in view.
    this.fit();
    this.save(lesson.id, { step: i }, lesson.id);
    this.busy = false;
  }

  /** Puts a lesson's pipeline on the canvas, in the lesson's own document (never the learner's). */
  private async show(doc: PipelineDocument, replace: boolean) {
    const lesson = this.lesson!;
    const named = { ...doc, name: (lesson.texts[locale()] ?? lesson.texts.en).title };
    const library = this.library();
    const docId = this.lessonProgress(lesson.id).docId;
    if (!library || !library.ready) this.store.load(named);
    else if (docId && library.currentId === docId) {
      if (replace) this.store.load(named);
      else this.store.change(named);
    } else {
      const id = await library.addAndOpen(named);
      this.save(lesson.id, { docId: id }, lesson.id);
    }
  }

  /** Loads the pipeline on the canvas into the run, unless the run already has it. */
  private async loadRun(): Promise<void> {
    if (this.run.loadedDoc === this.store.doc) return;
    if (this.run.playing) {
      const paused = this.run.settled();
      this.run.pause();
      await paused;
    }
    const answered = this.run.settled();
    this.startRun();
    this.latest = await answered;
  }

  /** Sends one run command (loading the pipeline first if it changed) and waits for its answer. */
  private async command(c: RunCommand): Promise<void> {
    const run = this.run;
    if (run.playing) {
      const paused = run.settled();
      run.pause();
      await paused;
    }
    this.startRun();
    const answered = run.settled();
    if (c === 'reset') run.reset();
    else if (c === 'step') run.step('event');
    else if (c === 'watermark') run.step('watermark');
    else if (c === 'firing') run.step('firing');
    else if (c === 'end') run.seek(END_EVENTS);
    else if ('to' in c) run.runTo(c.to);
    else run.injectFailure(c.fail, c.subtask ?? 0);
    this.latest = await answered;
  }

  /** Checks a prediction: runs the step's reveal commands, then reads the answer from the engine. */
  async check(given: Answer): Promise<void> {
    const lesson = this.lesson;
    const predict = this.step?.predict;
    if (!lesson || !predict || this.busy || this.result) return;
    this.busy = true;
    try {
      // State probes read the node's state, which snapshots carry only for the watched node.
      const a = predict.answer;
      if (a.probe === 'state' || a.probe === 'timer') this.run.watch(a.node);
      if (predict.reveal.length > 0) {
        this.trace = [];
        for (const c of predict.reveal) await this.command(c);
      }
      const actual = probe(predict.answer, { snapshot: this.latest, trace: this.trace });
      const right = sameAnswer(given, actual);
      this.result = { right, given, actual };
      const saved = this.lessonProgress(lesson.id);
      this.save(lesson.id, {
        done: [...new Set([...saved.done, this.step!.id])],
        answers: { ...saved.answers, [this.step!.id]: right },
      });
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.busy = false;
  }

  /** Remembers that the task of this step is met (so Back and Next keep it done). */
  markDone() {
    const lesson = this.lesson;
    const step = this.step;
    if (!lesson || !step) return;
    const saved = this.lessonProgress(lesson.id);
    if (!saved.done.includes(step.id)) this.save(lesson.id, { done: [...saved.done, step.id] });
  }

  private noticePress(event: MouseEvent) {
    const goal = this.step?.expect;
    if (!goal || !('press' in goal) || this.busy) return;
    const target = (event.target as Element | null)?.closest(
      'button, [role="button"], [role="tab"]',
    );
    if (!target || target.closest('.lesson-panel')) return;
    const name = controlName(target);
    if (name === goal.press || name === t(goal.press)) this.pressed = [...this.pressed, goal.press];
  }
}
