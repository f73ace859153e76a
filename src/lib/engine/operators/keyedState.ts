/**
 * Keyed state for user code, as Flink's ValueState, ListState and MapState: one value per
 * (key, state name), scoped to the key being processed. A process function reaches it through
 * `state.value(name)`, `state.list(name)` and `state.map(name)`; every read and write can be
 * traced as a `state` event, and `inspect()` shows everything per key.
 */
import type { Key, TraceEvent } from '../api';
import type { OperatorContext } from './types';

type Cell =
  | { type: 'value'; value: unknown }
  | { type: 'list'; items: unknown[] }
  /** Entries by a canonical form of the key (equal keys are one entry, as Flink compares them). */
  | { type: 'map'; entries: Map<string, [unknown, unknown]> };

export type StateType = Cell['type'];

/** Flink's ValueState: null when unset; update(null) clears, as in Flink. */
export interface ValueState {
  value(): unknown;
  update(value: unknown): void;
  clear(): void;
}

/** Flink's ListState; get() returns a copy (an empty array when unset). */
export interface ListState {
  get(): unknown[];
  add(value: unknown): void;
  addAll(values: unknown[]): void;
  update(values: unknown[]): void;
  clear(): void;
}

/** Flink's MapState; keys(), values() and entries() return arrays ([key, value] pairs). */
export interface MapState {
  get(key: unknown): unknown;
  put(key: unknown, value: unknown): void;
  putAll(entries: Record<string, unknown> | Map<unknown, unknown>): void;
  remove(key: unknown): void;
  contains(key: unknown): boolean;
  keys(): unknown[];
  values(): unknown[];
  entries(): [unknown, unknown][];
  isEmpty(): boolean;
  clear(): void;
}

/** What user code gets as `state`: the current key's state, by name. */
export interface StateAccess {
  value(name: string): ValueState;
  list(name: string): ListState;
  map(name: string): MapState;
}

/** KeyedStateStore.snapshot(): [key, [state name, type, value | items | map entries][]][]. */
export type KeyedStateSnapshot = [Key, [string, StateType, unknown][]][];

/** The per-key view `inspect()` gives: each state as plain data. */
export interface KeyStateView {
  key: Key;
  state: Record<string, { type: StateType; value: unknown }>;
}

const LABEL: Record<StateType, string> = {
  value: 'ValueState',
  list: 'ListState',
  map: 'MapState',
};

export const keyId = (k: Key): string => (typeof k === 'string' ? `s${k}` : `n${String(k)}`);

/** A MapState key's identity: its value, not its object identity (Flink compares keys by value). */
function mapKeyId(k: unknown): string {
  if (typeof k === 'string') return `s${k}`;
  if (typeof k === 'number' || typeof k === 'boolean' || k === null || k === undefined)
    return `p${String(k)}`;
  return `j${JSON.stringify(k)}`;
}

/** The keyed state of one subtask. */
export class KeyedStateStore {
  private readonly byKey = new Map<string, { key: Key; cells: Map<string, Cell> }>();

  /** The state of `key`, traced through `ctx` (read and written events). */
  access(key: Key, ctx: OperatorContext): StateAccess {
    const cells = (): Map<string, Cell> => {
      const id = keyId(key);
      let entry = this.byKey.get(id);
      if (!entry) this.byKey.set(id, (entry = { key, cells: new Map() }));
      return entry.cells;
    };
    const cellOf = <T extends StateType>(name: string, type: T): Extract<Cell, { type: T }> => {
      if (typeof name !== 'string' || name === '')
        throw new TypeError(`a state needs a name, e.g. state.${type}('count')`);
      const map = cells();
      let cell = map.get(name);
      if (!cell) {
        cell =
          type === 'value'
            ? { type: 'value', value: null }
            : type === 'list'
              ? { type: 'list', items: [] }
              : { type: 'map', entries: new Map() };
        map.set(name, cell);
      } else if (cell.type !== type) {
        throw new TypeError(
          `the state "${name}" is a ${LABEL[cell.type]}; it cannot also be used as a ${LABEL[type]}`,
        );
      }
      return cell as Extract<Cell, { type: T }>;
    };
    const trace = (
      name: string,
      stateType: StateType,
      action: 'read' | 'write' | 'clear',
      method: string,
      value?: unknown,
      mapKey?: unknown,
    ) => {
      if (!ctx.tracing) return;
      const ev: TraceEvent = {
        type: 'state',
        time: ctx.now,
        node: ctx.nodeId,
        subtask: ctx.subtask,
        key,
        action,
        state: name,
        stateType,
        method,
      };
      if (value !== undefined) ev.value = value;
      if (mapKey !== undefined) ev.mapKey = mapKey;
      ctx.trace(ev);
    };
    const noNull = (what: string, v: unknown) => {
      if (v === null || v === undefined)
        throw new TypeError(`${what}: null cannot be stored (Flink rejects null elements)`);
    };

    return {
      value(name: string): ValueState {
        const c = cellOf(name, 'value');
        return {
          value() {
            trace(name, 'value', 'read', 'value', c.value);
            return c.value;
          },
          update(v: unknown) {
            if (v === null || v === undefined) {
              c.value = null;
              trace(name, 'value', 'clear', 'update');
              return;
            }
            c.value = v;
            trace(name, 'value', 'write', 'update', v);
          },
          clear() {
            c.value = null;
            trace(name, 'value', 'clear', 'clear');
          },
        };
      },
      list(name: string): ListState {
        const c = cellOf(name, 'list');
        return {
          get() {
            const items = [...c.items];
            trace(name, 'list', 'read', 'get', items);
            return items;
          },
          add(v: unknown) {
            noNull(`ListState "${name}".add`, v);
            c.items.push(v);
            trace(name, 'list', 'write', 'add', v);
          },
          addAll(vs: unknown[]) {
            if (!Array.isArray(vs))
              throw new TypeError(`ListState "${name}".addAll needs an array`);
            for (const v of vs) noNull(`ListState "${name}".addAll`, v);
            c.items.push(...vs);
            trace(name, 'list', 'write', 'addAll', [...vs]);
          },
          update(vs: unknown[]) {
            if (!Array.isArray(vs))
              throw new TypeError(`ListState "${name}".update needs an array`);
            for (const v of vs) noNull(`ListState "${name}".update`, v);
            c.items = [...vs];
            trace(name, 'list', 'write', 'update', [...vs]);
          },
          clear() {
            c.items = [];
            trace(name, 'list', 'clear', 'clear');
          },
        };
      },
      map(name: string): MapState {
        const c = cellOf(name, 'map');
        return {
          get(k: unknown) {
            const e = c.entries.get(mapKeyId(k));
            const v = e ? e[1] : null;
            trace(name, 'map', 'read', 'get', v, k);
            return v;
          },
          put(k: unknown, v: unknown) {
            c.entries.set(mapKeyId(k), [k, v]);
            trace(name, 'map', 'write', 'put', v, k);
          },
          putAll(entries: Record<string, unknown> | Map<unknown, unknown>) {
            const pairs =
              entries instanceof Map ? [...entries.entries()] : Object.entries(entries ?? {});
            for (const [k, v] of pairs) {
              c.entries.set(mapKeyId(k), [k, v]);
              trace(name, 'map', 'write', 'putAll', v, k);
            }
          },
          remove(k: unknown) {
            c.entries.delete(mapKeyId(k));
            trace(name, 'map', 'write', 'remove', undefined, k);
          },
          contains(k: unknown) {
            const has = c.entries.has(mapKeyId(k));
            trace(name, 'map', 'read', 'contains', has, k);
            return has;
          },
          keys() {
            const ks = [...c.entries.values()].map((e) => e[0]);
            trace(name, 'map', 'read', 'keys', ks);
            return ks;
          },
          values() {
            const vs = [...c.entries.values()].map((e) => e[1]);
            trace(name, 'map', 'read', 'values', vs);
            return vs;
          },
          entries() {
            const es = [...c.entries.values()].map(([k, v]): [unknown, unknown] => [k, v]);
            trace(name, 'map', 'read', 'entries', es);
            return es;
          },
          isEmpty() {
            const empty = c.entries.size === 0;
            trace(name, 'map', 'read', 'isEmpty', empty);
            return empty;
          },
          clear() {
            c.entries.clear();
            trace(name, 'map', 'clear', 'clear');
          },
        };
      },
    };
  }

  /**
   * Checkpoints: every key's cells as plain data, keys in first-use order; a MapState keeps its
   * entries' identities, so equal keys stay one entry after a restore.
   */
  snapshot(): KeyedStateSnapshot {
    const out: KeyedStateSnapshot = [];
    for (const { key, cells } of this.byKey.values()) {
      const list: KeyedStateSnapshot[number][1] = [];
      for (const [name, c] of cells) {
        if (c.type === 'value') list.push([name, 'value', c.value]);
        else if (c.type === 'list') list.push([name, 'list', c.items]);
        else list.push([name, 'map', [...c.entries]]);
      }
      out.push([key, list]);
    }
    return out;
  }

  restore(state: KeyedStateSnapshot): void {
    this.byKey.clear();
    for (const [key, list] of state) {
      const cells = new Map<string, Cell>();
      for (const [name, type, data] of list) {
        if (type === 'value') cells.set(name, { type, value: data });
        else if (type === 'list') cells.set(name, { type, items: data as unknown[] });
        else cells.set(name, { type, entries: new Map(data as [string, [unknown, unknown]][]) });
      }
      this.byKey.set(keyId(key), { key, cells });
    }
  }

  /** Every key's non-empty state as plain data, keys in first-use order. */
  inspect(): KeyStateView[] {
    const out: KeyStateView[] = [];
    for (const { key, cells } of this.byKey.values()) {
      const state: KeyStateView['state'] = {};
      for (const [name, c] of cells) {
        if (c.type === 'value' && c.value !== null) state[name] = { type: 'value', value: c.value };
        else if (c.type === 'list' && c.items.length > 0)
          state[name] = { type: 'list', value: [...c.items] };
        else if (c.type === 'map' && c.entries.size > 0)
          state[name] = { type: 'map', value: [...c.entries.values()].map(([k, v]) => [k, v]) };
      }
      if (Object.keys(state).length > 0) out.push({ key, state });
    }
    return out;
  }
}
