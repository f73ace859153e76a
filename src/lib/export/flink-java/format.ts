/**
 * Re-indents generated Java: a block is indented 4 spaces from the line that opens it, a
 * parenthesis 8, and a statement's continuation lines 8 (Flink's own code style). Generators can
 * then write code without tracking indentation.
 */
export function formatJava(code: string): string {
  const out: string[] = [];
  const stack: { ch: string; indent: number }[] = [];
  /** Last character of the previous line of code (not a comment), or '' at a fresh start. */
  let lastEnd = ';';
  let inComment = false;
  let blank = 0;
  const inner = () => {
    const top = stack.at(-1);
    return top ? top.indent + (top.ch === '{' ? 4 : 8) : 0;
  };
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      if (++blank === 1 && out.length > 0) out.push('');
      continue;
    }
    blank = 0;
    if (inComment || line.startsWith('/*')) {
      const base = inner() + (lastEnd && !';{},(['.includes(lastEnd) ? 8 : 0);
      out.push(' '.repeat(base + (line.startsWith('*') ? 1 : 0)) + line);
      inComment = !line.includes('*/');
      continue;
    }
    if (line.startsWith('//')) {
      out.push(' '.repeat(inner()) + line);
      continue;
    }
    // Closers at the start of the line return to the indentation of their opening line.
    let i = 0;
    let indent = inner();
    while (i < line.length && ')}]'.includes(line[i])) {
      const opened = stack.pop();
      indent = opened ? opened.indent : 0;
      i++;
    }
    if (i === 0 && !';{},(['.includes(lastEnd)) indent += 8;
    out.push(' '.repeat(indent) + line);
    let quote: string | null = null;
    for (; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) break;
      else if ('({['.includes(ch)) stack.push({ ch, indent });
      else if (')}]'.includes(ch)) stack.pop();
    }
    const codePart = line.replace(/\s*(\/\/|\/\*).*$/, '');
    lastEnd = line.startsWith('@') ? ';' : codePart.slice(-1);
  }
  return out.join('\n') + '\n';
}
