/**
 * Plays a lesson headless, as the player does in the browser but on a RunSession (the same code
 * the Worker runs): every step's document, run commands and checks. A learner's actions are
 * stood in for by the shortest way to reach each goal; predictions are read from the engine.
 */
import * as v from 'valibot';
import type { TraceEvent } from '../../src/lib/engine/api';
import {
  applyChanges,
  goalReached,
  loadedDocument,
  probe,
  type Answer,
  type Goal,
  type Lesson,
  type RunCommand,
} from '../../src/lib/lessons';
import { kindInfo, validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { RunSession } from '../../src/lib/worker/session';
import type { RunSnapshot } from '../../src/lib/worker/protocol';

export interface StepOutcome {
  step: string;
  /** Predictions: what the engine answered, and what the lesson's texts are written for. */
  actual?: Answer;
  expected?: Answer;
  /** Tasks: whether the goal was reached. */
  reached?: boolean;
}

const PRESS: Record<string, RunCommand> = {
  Play: 'end',
  Step: 'step',
  'Step to next watermark': 'watermark',
  'Step to next firing': 'firing',
  Reset: 'reset',
};

export class HeadlessLesson {
  doc: PipelineDocument | null = null;
  private session: RunSession | null = null;
  private sessionDoc: PipelineDocument | null = null;
  snapshot: RunSnapshot | null = null;
  trace: TraceEvent[] = [];

  constructor(private readonly lesson: Lesson) {}

  private ensure(): RunSession {
    if (!this.session || this.sessionDoc !== this.doc) {
      this.session = new RunSession(this.doc!);
      this.sessionDoc = this.doc;
      this.snap();
    }
    return this.session;
  }

  /** The node whose state snapshots carry (the player watches a state probe's node). */
  private watched: string | null = null;

  private snap() {
    this.snapshot = this.session!.snapshot(false, this.watched);
    this.trace.push(...this.snapshot.trace);
  }

  command(c: RunCommand) {
    const s = this.ensure();
    if (c === 'reset') s.reset();
    else if (c === 'step') s.step('event');
    else if (c === 'watermark') s.step('watermark');
    else if (c === 'firing') s.step('firing');
    else if (c === 'end') s.seek(10_000_000);
    else if ('to' in c) s.runTo(c.to);
    else s.injectFailure(c.fail, c.subtask ?? 0);
    this.snap();
  }

  private addNode(kind: string) {
    const info = kindInfo(kind);
    if (!info) throw new Error(`no kind ${kind}`);
    const config = v.parse(info.config as v.GenericSchema, {});
    const r = validateDocument({
      ...this.doc!,
      nodes: [
        ...this.doc!.nodes,
        { id: `${kind}9`, kind, name: kind, parallelism: 1, position: { x: 0, y: 0 }, config },
      ],
    });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    this.doc = r.doc;
  }

  /** Does what a learner would to reach a goal; returns whether it was reached. */
  private reach(goal: Goal, docAtStart: PipelineDocument): boolean {
    const pressed: string[] = [];
    const check = () =>
      goalReached(
        goal,
        { snapshot: this.snapshot, trace: this.trace },
        { doc: this.doc!, docAtStart, pressed },
      );
    if ('press' in goal) {
      pressed.push(goal.press);
      const c = PRESS[goal.press];
      if (c) this.command(c);
    } else if ('field' in goal) {
      this.doc = applyChanges(this.doc!, [
        { node: goal.field.node, path: goal.field.path, value: goal.field.equals },
      ]);
    } else if ('added' in goal) this.addNode(goal.added.kind);
    else if ('watermark' in goal) {
      for (let i = 0; i < 10_000 && !check() && !this.snapshot?.finished; i++)
        this.command('watermark');
    } else if ('fired' in goal) {
      for (let i = 0; i < 10_000 && !check() && !this.snapshot?.finished; i++)
        this.command('firing');
    } else if ('restored' in goal) {
      const source = this.doc!.nodes[0].id;
      this.command({ fail: source });
      this.command({ to: (this.snapshot?.now ?? 0) + 60_000 });
    } else {
      for (let i = 0; i < 100_000 && !check() && !this.snapshot?.finished; i++)
        this.command('step');
    }
    return check();
  }

  /** Plays every step in order; returns what each prediction and task gave. */
  play(): StepOutcome[] {
    const out: StepOutcome[] = [];
    for (const step of this.lesson.structure.steps) {
      if (step.load) this.doc = applyChanges(loadedDocument(step.load), step.changes);
      else if (step.changes.length > 0) this.doc = applyChanges(this.doc!, step.changes);
      this.ensure();
      for (const c of step.run) this.command(c);
      this.trace = [];
      const docAtStart = this.doc!;
      if (step.expect) out.push({ step: step.id, reached: this.reach(step.expect, docAtStart) });
      if (step.predict) {
        const a = step.predict.answer;
        this.watched = a.probe === 'state' || a.probe === 'timer' ? a.node : null;
        if (step.predict.reveal.length > 0) {
          this.trace = [];
          for (const c of step.predict.reveal) this.command(c);
        }
        const actual = probe(step.predict.answer, { snapshot: this.snapshot, trace: this.trace });
        out.push({ step: step.id, actual, expected: step.predict.expected });
      }
    }
    return out;
  }
}
