/** A place inside a node's config: keys of objects and indexes of arrays. */
export type FieldPath = readonly (string | number)[];

export function getIn(root: unknown, path: FieldPath): unknown {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** A copy of `root` with `value` at `path`; objects and arrays on the way are copied, not changed. */
export function setIn(root: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (typeof key === 'number') {
    const arr = Array.isArray(root) ? [...(root as unknown[])] : [];
    arr[key] = setIn(arr[key], rest, value);
    return arr;
  }
  const obj = root !== null && typeof root === 'object' ? (root as Record<string, unknown>) : {};
  return { ...obj, [key]: setIn(obj[key], rest, value) };
}

/** The DOM id of a field's control: stable per path, unique in the inspector. */
export function fieldId(path: FieldPath): string {
  return `f-${path.join('-')}`;
}
