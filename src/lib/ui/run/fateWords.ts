/**
 * A record's fate and a breakpoint hit in a sentence with the numbers (the engine gives data;
 * the words are here, through t()).
 */
import type { BreakpointHit } from '../../engine/breakpoints';
import type { RecordFate, WindowFate } from '../../engine/fates';
import { t } from '../../i18n';
import { formatValue, formatWatermark } from './format';

const win = (w: { start: number; end: number }) => `[${w.start}, ${w.end})`;

function firingWord(w: WindowFate): string {
  return w.firing === 'early'
    ? t('an early firing')
    : w.firing === 'late'
      ? t('a late firing')
      : t('its on-time firing');
}

/** How a node is called in the sentences (the inspector passes the nodes' names). */
type Namer = (nodeId: string) => string;
const byId: Namer = (id) => id;

/** The record's fate in one or two sentences. */
export function fateSentence(r: RecordFate, name: Namer = byId): string {
  const fired = r.windows.find((w) => w.firing !== null);
  switch (r.fate) {
    case 'on-time':
      return t(
        'On time: it went into window {{window}} of key {{key}} at {{node}} and was in {{firing}} at {{time}} ms.',
        {
          window: win(fired!),
          key: String(fired!.key),
          node: name(fired!.node),
          firing: firingWord(fired!),
          time: fired!.firedAt,
        },
      );
    case 'late-fired': {
      const w = r.windows.find((x) => x.causedLateFiring)!;
      return t(
        'Late, but within the allowed lateness: it reached {{node}} at {{time}} ms, after the watermark had reached {{maxTs}}, the last moment of window {{window}}. It went in and fired the window again: a late firing with the corrected result.',
        { node: name(w.node), time: w.addedAt, window: win(w), maxTs: w.end - 1 },
      );
    }
    case 'late-dropped':
    case 'side-output': {
      const d = r.fate === 'late-dropped' ? r.drop! : r.sideOutput!;
      const facts =
        d.window !== null
          ? t(
              'the watermark was {{watermark}}, and window {{window}} only takes records until the watermark passes {{limit}} (end − 1 + allowed lateness {{lateness}} ms)',
              {
                watermark: formatWatermark(d.watermark),
                window: win(d.window),
                limit: d.window.end - 1 + (d.allowedLateness ?? 0),
                lateness: d.allowedLateness ?? 0,
              },
            )
          : t('the watermark was {{watermark}}, past its timestamp {{ts}}', {
              watermark: formatWatermark(d.watermark),
              ts: r.timestamp,
            });
      return r.fate === 'late-dropped'
        ? t(
            'Dropped as late at {{node}} at {{time}} ms: {{facts}}. The window has no late side output, so the record is gone.',
            {
              node: name(d.node),
              time: d.time,
              facts,
            },
          )
        : t(
            'Too late at {{node}} at {{time}} ms: {{facts}}. It went to the late side output{{sinks}}.',
            {
              node: name(d.node),
              time: d.time,
              facts,
              sinks: r.sinks.length
                ? t(', which delivered it to {{sink}}', { sink: name(r.sinks[0].node) })
                : '',
            },
          );
    }
    case 'filtered':
      return t(
        'Filtered out by {{node}} at {{time}} ms: its condition was false for this record.',
        {
          node: name(r.drop!.node),
          time: r.drop!.time,
        },
      );
    case 'error':
      return t('Dropped at {{node}} at {{time}} ms: its user function threw on this record.', {
        node: name(r.drop!.node),
        time: r.drop!.time,
      });
    case 'delivered':
      return t('Delivered to {{sink}} at {{time}} ms.', {
        sink: name(r.sinks[0].node),
        time: r.sinks[0].time,
      });
    case 'in-flight': {
      const open = r.windows.find((w) => w.firing === null);
      return open
        ? t(
            'Waiting in window {{window}} of key {{key}} at {{node}}: it fires when the watermark reaches {{maxTs}}.',
            {
              window: win(open),
              key: String(open.key),
              node: name(open.node),
              maxTs: open.end - 1,
            },
          )
        : t('On its way: it has not reached a window or a sink yet.');
    }
  }
}

/** What else happened to it: a replay, a duplicate. */
export function fateNotes(r: RecordFate): string[] {
  const out: string[] = [];
  if (r.replayed)
    out.push(
      r.replayOf !== null
        ? t('Replayed after a recovery: its source emitted it again (first as record #{{id}}).', {
            id: r.replayOf,
          })
        : t('Replayed after a recovery: its source emitted it again.'),
    );
  if (r.duplicated)
    out.push(
      t(
        'Duplicated: an at-least-once sink wrote a result of it twice, once before the failure and once after the replay.',
      ),
    );
  return out;
}

/** Why a breakpoint paused the run. */
export function hitSentence(h: BreakpointHit, name: Namer = byId): string {
  if (h.type === 'window')
    return t('Window {{window}} of key {{key}} at {{node}} fired ({{firing}}) at {{time}} ms.', {
      window: h.window ? win(h.window) : '',
      key: String(h.key),
      node: name(h.node),
      firing: h.firing ?? '—',
      time: h.time,
    });
  if (h.type === 'watermark')
    return t('The watermark of {{node}} reached {{watermark}} at {{time}} ms.', {
      node: name(h.node),
      watermark: formatWatermark(h.watermark),
      time: h.time,
    });
  return h.late
    ? t(
        'A late record reached {{node}}[{{subtask}}] at {{time}} ms: key {{key}}, event time {{ts}}, at or behind the watermark {{watermark}}.',
        {
          node: name(h.node),
          subtask: h.subtask,
          time: h.time,
          key: String(h.key),
          ts: h.timestamp,
          watermark: formatWatermark(h.watermark),
        },
      )
    : t(
        'A record reached {{node}}[{{subtask}}] at {{time}} ms: key {{key}}, value {{value}}, event time {{ts}}.',
        {
          node: name(h.node),
          subtask: h.subtask,
          time: h.time,
          key: String(h.key),
          value: formatValue(h.value),
          ts: h.timestamp ?? '—',
        },
      );
}
