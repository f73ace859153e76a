import { fileFields, fileRows, inferValueType, OPEN_TIMELINE_NOTE, playedSteps } from '../../graph';
import { scalar, type ValueType } from '../../types';
import {
  eventType,
  chainingCall,
  operatorSuffix,
  str,
  typeHint,
  watermarkStrategy,
  type JavaRule,
} from '../context';

export const generator: JavaRule<'generator'> = (node, ctx) => {
  const c = node.config;
  const value = scalar(c.values.integer ? 'long' : 'double');
  const cls = ctx.className('Generator');
  const { min, max } = c.values;
  let valueCode: string;
  // A double literal needs its `d`: `Event.of(key, 1, t)` would not compile as an Event<Double>.
  if (c.values.distribution === 'constant') valueCode = c.values.integer ? `${min}L` : `${min}d`;
  else if (c.values.distribution === 'uniform')
    valueCode = c.values.integer
      ? `${Math.ceil(min)}L + random.nextInt(${Math.floor(max) - Math.ceil(min) + 1})`
      : `${min} + random.nextDouble() * ${max - min}`;
  else {
    // Normal with mean (min + max) / 2 and standard deviation (max − min) / 6, clamped.
    const v = `Math.min(${max}, Math.max(${min}, ${(min + max) / 2} + random.nextGaussian() * ${(max - min) / 6}))`;
    valueCode = c.values.integer ? `Math.round(${v})` : v;
  }
  const o = c.outOfOrderness;
  const delay =
    o.distribution === 'none'
      ? '0L'
      : o.distribution === 'uniform'
        ? `random.nextInt(${o.max + 1})`
        : `Math.min(${o.max}L, (long) Math.floor(-Math.log(1 - random.nextDouble()) * ${o.max} / 3))`;
  const keyCode =
    c.keys.count === 1
      ? '1'
      : c.keys.distribution === 'uniform'
        ? `1 + random.nextInt(${c.keys.count})`
        : `zipf(random, ${c.keys.count})`;
  const late =
    c.late.share > 0
      ? `\n            if (random.nextDouble() < ${c.late.share}) {\n                delay += ${c.late.by}L;\n            }`
      : '';
  const zipf =
    c.keys.distribution === 'zipf'
      ? `

        /** Key i in 1..n with probability proportional to 1 / i (Zipf, exponent 1). */
        private static int zipf(Random random, int n) {
            double total = 0;
            for (int i = 1; i <= n; i++) {
                total += 1.0 / i;
            }
            double u = random.nextDouble() * total;
            for (int i = 1; i <= n; i++) {
                u -= 1.0 / i;
                if (u < 0) {
                    return i;
                }
            }
            return n;
        }`
      : '';
  ctx.helper(
    cls,
    `    /**
     * Generator source "${node.name || node.id}": keys ${c.keys.prefix}1..${c.keys.prefix}${c.keys.count} (${c.keys.distribution}), values ${c.values.distribution}
     * in [${min}, ${max}], event time = now - a ${o.distribution} delay up to ${o.max} ms. Seeded per index: the
     * same distributions as Streamlab's generator, not the same sequence.
     */
    public static class ${cls} implements GeneratorFunction<Long, ${eventType(value)}> {
        @Override
        public ${eventType(value)} map(Long index) {
            Random random = new Random(SEED * 1_000_003L + index);
            String key = ${str(c.keys.prefix)} + (${keyCode});
            long delay = ${delay};${late}
            return Event.of(key, ${valueCode}, Math.max(0L, System.currentTimeMillis() - delay));
        }${zipf}
    }`,
  );
  if (c.idle.length > 0)
    ctx.note('idle periods are not exported: DataGeneratorSource emits at a steady rate');
  ctx.note(
    'the generator draws from the same distributions as Streamlab, but not the same sequence, and its event time is wall-clock time',
  );
  // Streamlab's rate is per source subtask; the rate limiter's is for the whole source.
  ctx.statement(`DataStream<${eventType(value)}> ${ctx.variable} =
        env.fromSource(
                new DataGeneratorSource<>(
                        new ${cls}(),
                        ${c.count === null ? 'Long.MAX_VALUE' : `${c.count}L`},
                        RateLimiterStrategy.perSecond(${c.rate * node.parallelism}),
                        TypeInformation.of(${typeHint(value)})),
                ${watermarkStrategy(c.watermarks, value, ctx)},
                ${str(node.name || node.id)})${operatorSuffix(node)};`);
  return { variable: ctx.variable, value, keyed: false };
};

function javaLiteral(v: unknown, t: ValueType): string {
  if (t.kind === 'record') {
    const row = v as Record<string, unknown>;
    const parts = Object.keys(t.fields)
      .filter((k) => k in row)
      .map((k) => `${str(k)}, ${javaLiteral(row[k], { kind: 'scalar', type: t.fields[k] })}`);
    return `Map.<String, Object>of(${parts.join(', ')})`;
  }
  if (typeof v === 'number') {
    if (t.kind === 'scalar' && t.type === 'long') return `${v}L`;
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
  if (typeof v === 'string') return str(v);
  if (typeof v === 'boolean') return String(v);
  return str(JSON.stringify(v));
}

export const timeline: JavaRule<'timeline'> = (node, ctx) => {
  // Only what Streamlab plays: the steps before the first `end`.
  const { steps, ends } = playedSteps(node.config.steps);
  if (!ends) ctx.note(OPEN_TIMELINE_NOTE);
  const records = steps.flatMap((s) => (s.type === 'record' ? [s] : []));
  let value: ValueType = inferValueType(records.map((r) => r.value));
  if (value.kind === 'unknown') {
    ctx.note('the timeline\u2019s values have mixed types; they are exported as strings (JSON)');
    value = scalar('string');
  }
  // After which record each scripted watermark is emitted.
  const after: string[] = [];
  let seen = 0;
  let lost = false;
  for (const s of steps) {
    if (s.type === 'record') {
      after.push('Long.MIN_VALUE');
      seen++;
    } else if (s.type === 'watermark') {
      if (seen === 0) lost = true;
      else after[seen - 1] = `${s.timestamp}L`;
    }
  }
  if (lost) ctx.note('watermarks scripted before the first record are not exported');
  if (steps.some((s) => s.type === 'advance'))
    ctx.note(
      'the timeline\u2019s processing-time advances are not exported: a Flink source has no virtual clock',
    );
  const elements = records.map(
    (r) =>
      `                        Event.of(${r.key === null ? 'null' : str(r.key)}, ${value.kind === 'scalar' && value.type === 'string' && typeof r.value !== 'string' ? str(JSON.stringify(r.value)) : javaLiteral(r.value, value)}, ${r.timestamp}L)`,
  );
  ctx.helper(
    'ScriptedWatermarks',
    `    /** Emits a timeline's scripted watermarks: after the i-th record, the watermark written after it. */
    public static class ScriptedWatermarks<T> implements WatermarkGenerator<T> {
        private final long[] after;
        private int seen;

        public ScriptedWatermarks(long[] after) {
            this.after = after;
        }

        @Override
        public void onEvent(T event, long timestamp, WatermarkOutput output) {
            if (seen < after.length && after[seen] != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(after[seen]));
            }
            seen++;
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }`,
  );
  const t = eventType(value);
  ctx.statement(`// A scripted timeline: its records, then its watermarks after the records they follow.
        DataStream<${t}> ${ctx.variable} =
        env.fromData(
                        Arrays.asList(
${elements.join(',\n')}),
                        TypeInformation.of(${typeHint(value)}))
                .setParallelism(1)
                .uid(${str(`${node.id}-data`)})
                .name(${str(`${node.name || node.id} (data)`)})
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<${t}>forGenerator(
                                        context -> new ScriptedWatermarks<>(new long[] {${after.join(', ')}}))
                                .withTimestampAssigner((e, previous) -> e.timestamp))${operatorSuffix(node)};`);
  if (node.parallelism !== 1)
    ctx.note('a scripted timeline is read by one subtask: its data is exported with parallelism 1');
  return { variable: ctx.variable, value, keyed: false };
};

export const file: JavaRule<'file'> = (node, ctx) => {
  const c = node.config;
  const fields = fileFields(c);
  const inferred = inferValueType(fileRows(c));
  const value: ValueType = {
    kind: 'record',
    fields: Object.fromEntries(
      fields.map((f) => [
        f,
        inferred.kind === 'record' ? (inferred.fields[f] ?? 'string') : 'string',
      ]),
    ),
  };
  const cls = ctx.className('Rows');
  const t = eventType(value);
  const tsType = value.kind === 'record' ? value.fields[c.timestampField] : undefined;
  let tsCode: string;
  if (tsType === 'long' || tsType === 'double')
    tsCode = `((Number) row.get(${str(c.timestampField)})).longValue()`;
  else if (tsType === 'string') {
    ctx.note(
      `the timestamp field ${c.timestampField} holds date strings: the job parses ISO-8601 instants (Instant.parse), Streamlab uses Date.parse; check the format`,
    );
    tsCode = `Instant.parse((String) row.get(${str(c.timestampField)})).toEpochMilli()`;
  } else {
    ctx.note(
      `the timestamp field ${c.timestampField} is not a column of the file; its event time is a TODO`,
    );
    tsCode = ctx.todo('long', c.timestampField, 'no such column', 'the event time');
  }
  const key =
    c.keyField !== null
      ? `row.get(${str(c.keyField)}) == null ? null : String.valueOf(row.get(${str(c.keyField)}))`
      : 'null';
  let body: string;
  if (c.format === 'csv') {
    const header = fields.join(',');
    body = `            if (line.isBlank() || line.equals(${str(header)})) {
                return;
            }
            // Split on commas (quoted fields with commas need a CSV library).
            String[] cells = line.split(",", -1);
            Map<String, Object> row = new HashMap<>();
${fields.map((f, i) => `            row.put(${str(f)}, cell(cells.length > ${i} ? cells[${i}] : ""));`).join('\n')}
            out.collect(Event.of(${key}, row, ${tsCode}));`;
    ctx.helper(
      'cell',
      `    /** A CSV cell as Streamlab reads it: numbers become numbers, everything else stays text. */
    static Object cell(String s) {
        String t = s.trim();
        if (t.matches("[-+]?(\\\\d+\\\\.?\\\\d*|\\\\.\\\\d+)([eE][-+]?\\\\d+)?")) {
            double d = Double.parseDouble(t);
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Object) (long) d : (Object) d;
        }
        return s;
    }`,
    );
    if (c.content.includes('"'))
      ctx.note(
        'the CSV has quoted fields: the generated line splitter does not handle quotes; use a CSV library',
      );
  } else {
    ctx.note('JSON lines: the parser is a TODO (use a JSON library such as Jackson)');
    body = `            Map<String, Object> row = ${ctx.todo('record', 'JSON.parse(line)', 'JSON parsing needs a library', 'parse a JSON line')};
            out.collect(Event.of(${key}, row, ${tsCode}));`;
  }
  ctx.helper(
    cls,
    `    /** Parses the lines of File source "${node.name || node.id}" into records. */
    public static class ${cls} implements FlatMapFunction<String, ${t}> {
        @Override
        public void flatMap(String line, Collector<${t}> out) {
${body}
        }
    }`,
  );
  ctx.note(
    `File source: set the path to ${c.fileName || 'the file'}; Streamlab's replay rate (${c.rate}/s) is not exported, a file is read as fast as possible`,
  );
  ctx.statement(`// TODO: set the path of the file to read.
        DataStream<${t}> ${ctx.variable} =
        env.fromSource(
                        FileSource.forRecordStreamFormat(
                                        new TextLineInputFormat(),
                                        new Path(${str(`file:///TODO/path/to/${c.fileName || `${node.id}.${c.format}`}`)}))
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        ${str(node.name || node.id)})
                .setParallelism(${node.parallelism})
                .uid(${str(node.id)})
                .name(${str(node.name || node.id)})
                .flatMap(new ${cls}())
                .returns(${typeHint(value)})
                .setParallelism(${node.parallelism})
                .uid(${str(`${node.id}-parse`)})
                .name(${str(`${node.name || node.id} (parse)`)})
                .assignTimestampsAndWatermarks(
                        ${watermarkStrategy(c.watermarks, value, ctx)})
                .setParallelism(${node.parallelism})
                .uid(${str(`${node.id}-watermarks`)})
                .name(${str(`${node.name || node.id} (watermarks)`)})${chainingCall(node.chaining)};`);
  return { variable: ctx.variable, value, keyed: false };
};
