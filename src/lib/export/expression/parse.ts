/**
 * A parser for the small subset of JavaScript that user expressions are translated from:
 * literals, names, field access, calls, unary, binary, logical and conditional operators,
 * array and object literals. Anything else (arrow functions, template strings, assignments)
 * is a ParseError, and the exporter then emits a TODO instead of guessing.
 */
export type Node =
  | { type: 'num'; value: number; raw: string }
  | { type: 'str'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'name'; name: string }
  | { type: 'member'; object: Node; property: string }
  | { type: 'call'; callee: Node; args: Node[] }
  | { type: 'unary'; op: '!' | '-' | '+'; arg: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'cond'; test: Node; then: Node; else: Node }
  | { type: 'array'; items: Node[] }
  | { type: 'object'; entries: { key: string; value: Node }[] };

export class ParseError extends Error {}

type Token = { t: 'num' | 'str' | 'name' | 'punct'; v: string };

const PUNCT = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '=>',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== ch) {
        if (src[j] === '\\') {
          const esc = src[j + 1];
          const map: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            '\\': '\\',
            "'": "'",
            '"': '"',
          };
          if (!(esc in map)) throw new ParseError(`unsupported escape \\${esc}`);
          s += map[esc];
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new ParseError('unterminated string');
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const p = PUNCT.find((q) => src.startsWith(q, i));
    if (!p) throw new ParseError(`unexpected character ${ch}`);
    out.push({ t: 'punct', v: p });
    i += p.length;
  }
  return out;
}

const BINARY_PREC: Record<string, number> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '==': 4,
  '!=': 4,
  '===': 4,
  '!==': 4,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};

export function parseExpression(src: string): Node {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const isP = (v: string) => peek()?.t === 'punct' && peek().v === v;
  const expect = (v: string) => {
    if (!isP(v)) throw new ParseError(`expected ${v}`);
    pos++;
  };

  function conditional(): Node {
    const test = binary(1);
    if (isP('?')) {
      pos++;
      const then = conditional();
      expect(':');
      const otherwise = conditional();
      return { type: 'cond', test, then, else: otherwise };
    }
    return test;
  }

  function binary(minPrec: number): Node {
    let left = unary();
    for (;;) {
      const tok = peek();
      const prec = tok?.t === 'punct' ? BINARY_PREC[tok.v] : undefined;
      if (prec === undefined || prec < minPrec) return left;
      pos++;
      const right = binary(prec + 1);
      left = { type: 'binary', op: tok.v, left, right };
    }
  }

  function unary(): Node {
    if (isP('!') || isP('-') || isP('+')) {
      const op = peek().v as '!' | '-' | '+';
      pos++;
      return { type: 'unary', op, arg: unary() };
    }
    return postfix();
  }

  function postfix(): Node {
    let node = primary();
    for (;;) {
      if (isP('.')) {
        pos++;
        const name = peek();
        if (name?.t !== 'name') throw new ParseError('expected a field name after .');
        pos++;
        node = { type: 'member', object: node, property: name.v };
      } else if (isP('[')) {
        pos++;
        const index = conditional();
        expect(']');
        if (index.type !== 'str')
          throw new ParseError('only constant field names are supported in [ ]');
        node = { type: 'member', object: node, property: index.value };
      } else if (isP('(')) {
        pos++;
        const args: Node[] = [];
        while (!isP(')')) {
          args.push(conditional());
          if (!isP(')')) expect(',');
        }
        pos++;
        node = { type: 'call', callee: node, args };
      } else return node;
    }
  }

  function primary(): Node {
    const tok = peek();
    if (!tok) throw new ParseError('unexpected end of expression');
    pos++;
    if (tok.t === 'num') return { type: 'num', value: Number(tok.v), raw: tok.v };
    if (tok.t === 'str') return { type: 'str', value: tok.v };
    if (tok.t === 'name') {
      if (tok.v === 'true' || tok.v === 'false') return { type: 'bool', value: tok.v === 'true' };
      if (tok.v === 'null') return { type: 'null' };
      if (isP('=>')) throw new ParseError('arrow functions are not translated');
      return { type: 'name', name: tok.v };
    }
    if (tok.v === '(') {
      const inner = conditional();
      expect(')');
      if (isP('=>')) throw new ParseError('arrow functions are not translated');
      return inner;
    }
    if (tok.v === '[') {
      const items: Node[] = [];
      while (!isP(']')) {
        items.push(conditional());
        if (!isP(']')) expect(',');
      }
      pos++;
      return { type: 'array', items };
    }
    if (tok.v === '{') {
      const entries: { key: string; value: Node }[] = [];
      while (!isP('}')) {
        const k = peek();
        if (k?.t !== 'name' && k?.t !== 'str') throw new ParseError('expected a field name');
        pos++;
        if (isP(':')) {
          pos++;
          entries.push({ key: k.v, value: conditional() });
        } else if (k.t === 'name') entries.push({ key: k.v, value: { type: 'name', name: k.v } });
        else throw new ParseError('expected :');
        if (!isP('}')) expect(',');
      }
      pos++;
      return { type: 'object', entries };
    }
    throw new ParseError(`unexpected ${tok.v}`);
  }

  const node = conditional();
  if (pos < toks.length) throw new ParseError(`unexpected ${toks[pos].v}`);
  return node;
}
