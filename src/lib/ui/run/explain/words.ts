/**
 * The words of an explanation: each cause and need of src/lib/engine/explain.ts as a plain
 * sentence through t() (English text as key, Chinese in i18n/zh-CN/explain.json).
 */
import type { Place } from '../../../engine/api';
import type { Cause, LaneRef, Need } from '../../../engine/explain';
import { t } from '../../../i18n';

export type NameOf = (nodeId: string) => string;

export function wmText(wm: number | null): string {
  if (wm === null) return t('no watermark yet');
  if (wm >= Number.MAX_SAFE_INTEGER) return t('max (input ended)');
  return String(wm);
}

export function placeText(p: Place, name: NameOf): string {
  return t('{{node}} subtask {{subtask}}', { node: name(p.node), subtask: p.subtask });
}

function laneText(l: LaneRef, name: NameOf): string {
  return l.port === 'left' || l.port === 'right'
    ? t('the {{port}} input lane from {{from}}', {
        port: l.port === 'left' ? t('left') : t('right'),
        from: placeText(l.from, name),
      })
    : t('the input lane from {{from}}', { from: placeText(l.from, name) });
}

export function needText(n: Need, watermark: number | null, now: number): string {
  switch (n.type) {
    case 'watermark':
      if (watermark === null)
        return t(
          'It fires when the watermark reaches {{needed}} (the window’s end − 1). There is no watermark yet.',
          { needed: n.watermark },
        );
      return t(
        'It fires when the watermark reaches {{needed}} (the window’s end − 1). Now the watermark is {{wm}}.',
        {
          needed: n.watermark,
          wm: wmText(watermark),
        },
      );
    case 'processingTime':
      return t(
        'It fires when the processing-time clock reaches {{needed}} ms (the window’s end − 1). Now the clock is at {{now}} ms.',
        {
          needed: n.time,
          now,
        },
      );
    case 'count':
      return t('It fires when it holds {{count}} elements; it has {{have}}.', {
        count: n.count,
        have: n.have,
      });
    case 'never':
      return t('It fires only when its trigger says so.');
  }
}

/** One cause in words, and the node to select on the canvas to fix it (if any). */
export function causeText(c: Cause, name: NameOf): { text: string; fix: string | null } {
  switch (c.type) {
    case 'noWatermarkStrategy':
      return c.action === 'addWatermarksNode'
        ? {
            text: t(
              '{{source}} is a scripted source and generates no watermarks. Without watermarks no event-time window can fire: add a Watermarks node right after it.',
              {
                source: name(c.source),
              },
            ),
            fix: c.fix,
          }
        : {
            text: t(
              '{{source}} has no watermark strategy, so no watermark is ever generated and no event-time window can fire. Give it one, for example bounded out-of-orderness.',
              {
                source: name(c.source),
              },
            ),
            fix: c.fix,
          };
    case 'noWatermarkYet':
      return {
        text:
          t(
            '{{lane}} has sent no watermark yet. A subtask’s watermark is the minimum over its input lanes, so while one lane has none, the subtask has none either.',
            {
              lane: capital(laneText(c.lane, name)),
            },
          ) +
          (c.source
            ? ' ' + t('That lane is fed by {{source}}.', { source: placeText(c.source, name) })
            : ''),
        fix: null,
      };
    case 'slowestLane':
      return {
        text:
          t(
            '{{lane}} is the slowest: its watermark is {{wm}}. A subtask takes the minimum over its input lanes, so this lane holds it back.',
            {
              lane: capital(laneText(c.lane, name)),
              wm: c.watermark,
            },
          ) +
          (c.source
            ? ' ' + t('That lane is fed by {{source}}.', { source: placeText(c.source, name) })
            : ''),
        fix: null,
      };
    case 'idleWithoutIdleness':
      return {
        text: t(
          'Source partition {{source}} has sent no record {{since}} while the other partitions moved on. Its watermark strategy has no idleness, so this quiet partition holds back the watermark of everything downstream. Set an idleness timeout on {{fix}}.',
          {
            source: placeText(c.source, name),
            since: c.since === null ? t('at all') : t('since {{time}} ms', { time: c.since }),
            fix: name(c.fix),
          },
        ),
        fix: c.fix,
      };
    case 'idlenessPending':
      return {
        text: t(
          'Source partition {{source}} is quiet. Its idleness timeout of {{idleness}} ms marks it idle at about {{at}} ms; from then on it no longer counts and the watermark moves on.',
          {
            source: placeText(c.source, name),
            idleness: c.idleness,
            at: c.at,
          },
        ),
        fix: null,
      };
    case 'quietSource': {
      const who = c.sources.map((s) => placeText(s, name)).join(', ');
      const need =
        c.needsTimestamp === null
          ? t('{{who}} sends nothing now. The watermark only rises with new data.', { who })
          : t(
              '{{who}} sends nothing now. The watermark only rises with new data: it needs a record with a timestamp of at least {{ts}}.',
              {
                who,
                ts: c.needsTimestamp,
              },
            );
      const end = c.bounded
        ? t(
            'The input is bounded and still open: when it ends, it sends the maximum watermark and every window fires.',
          )
        : t(
            'The input is unbounded: the window waits for the next record. Idleness does not help when every source is quiet.',
          );
      return { text: `${need} ${end}`, fix: c.fix };
    }
    case 'waitingForRecord':
      return {
        text:
          c.needsTimestamp === null
            ? t(
                'Nothing is wrong: data keeps coming from {{source}} and the watermark rises with it.',
                {
                  source: placeText(c.source, name),
                },
              )
            : t(
                'Nothing is wrong: records keep coming from {{source}} and the watermark rises with them. It reaches the window’s end once a record with a timestamp of at least {{ts}} has been read.',
                {
                  source: placeText(c.source, name),
                  ts: c.needsTimestamp,
                },
              ),
        fix: null,
      };
    case 'noPartition':
      return {
        text: t(
          '{{source}} has no partition to read: the source has {{partitions}} partition(s) but parallelism {{parallelism}}. That subtask sends no record and no watermark, so the minimum downstream never moves. Lower the parallelism of {{fix}} to {{partitions}}, or set an idleness timeout.',
          {
            source: placeText(c.source, name),
            partitions: c.partitions,
            parallelism: c.parallelism,
            fix: name(c.fix),
          },
        ),
        fix: c.fix,
      };
    case 'countNeeded':
      return {
        text: t(
          'The count trigger fires after {{count}} elements of this key. It has {{have}}, so it needs {{more}} more.',
          {
            count: c.count,
            have: c.have,
            more: c.more,
          },
        ),
        fix: null,
      };
    case 'clock':
      return {
        text: t(
          'This is a processing-time window: it fires when the clock reaches {{time}} ms (now {{now}} ms). Watermarks play no part.',
          {
            time: c.time,
            now: c.now,
          },
        ),
        fix: null,
      };
    case 'neverTrigger':
      return {
        text: t(
          'A global window with the default trigger never fires. Give {{fix}} a trigger, for example a count trigger.',
          {
            fix: name(c.fix),
          },
        ),
        fix: c.fix,
      };
    case 'firedKeptForLateness':
      return {
        text: t(
          'The watermark has passed its end, so it has fired. It is kept for the allowed lateness until the watermark reaches {{cleanup}}; a late element fires it again.',
          {
            cleanup: c.cleanup,
          },
        ),
        fix: null,
      };
    case 'inputEnded':
      return {
        text: t('Its input has ended. Processing-time windows do not fire at the end of input.'),
        fix: null,
      };
    case 'batchEndOfKey':
      return {
        text: t(
          'BATCH mode: there are no watermarks. The operator reads its input sorted by key; the windows of a key fire once all of that key’s records are read (the watermark is +∞ at the end of each key).',
        ),
        fix: null,
      };
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
