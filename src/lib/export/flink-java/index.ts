/**
 * Flink DataStream Java export: one Job.java whose operators carry the node ids as uids (so
 * savepoints line up), the run settings, and every node of the pipeline. Untranslatable user
 * logic becomes a `todo(...)` call that fails at run time, with the expression beside it.
 */
import { kindInfo, type PipelineDocument, type PipelineNode } from '../../pipeline';
import { commentSafe } from '../expression/common';
import { incoming, topoOrder } from '../graph';
import type { Exporter, ExportNote, ExportResult } from '../types';
import { pascal, type JavaContext, type JStream } from './context';
import { formatJava } from './format';
import { FLINK_VERSION, pomXml } from './pom';
import { JAVA_RULES } from './rules';

const KEYWORDS = new Set(
  (
    'abstract assert boolean break byte case catch char class const continue default do double else enum ' +
    'extends final finally float for goto if implements import instanceof int interface long native new ' +
    'package private protected public return short static strictfp super switch synchronized this throw ' +
    'throws transient try void volatile while true false null var record yield ' +
    'env config args e out previous context Event Job SEED'
  ).split(' '),
);

/** Simple class name → import, added when the name appears in the generated code. */
const IMPORTS: Record<string, string> = {
  RuntimeExecutionMode: 'org.apache.flink.api.common.RuntimeExecutionMode',
  WatermarkStrategy: 'org.apache.flink.api.common.eventtime.WatermarkStrategy',
  WatermarkGenerator: 'org.apache.flink.api.common.eventtime.WatermarkGenerator',
  WatermarkOutput: 'org.apache.flink.api.common.eventtime.WatermarkOutput',
  Watermark: 'org.apache.flink.api.common.eventtime.Watermark',
  AggregateFunction: 'org.apache.flink.api.common.functions.AggregateFunction',
  JoinFunction: 'org.apache.flink.api.common.functions.JoinFunction',
  OpenContext: 'org.apache.flink.api.common.functions.OpenContext',
  ValueState: 'org.apache.flink.api.common.state.ValueState',
  ValueStateDescriptor: 'org.apache.flink.api.common.state.ValueStateDescriptor',
  ListState: 'org.apache.flink.api.common.state.ListState',
  ListStateDescriptor: 'org.apache.flink.api.common.state.ListStateDescriptor',
  MapState: 'org.apache.flink.api.common.state.MapState',
  MapStateDescriptor: 'org.apache.flink.api.common.state.MapStateDescriptor',
  KeyedProcessFunction: 'org.apache.flink.streaming.api.functions.KeyedProcessFunction',
  ProcessFunction: 'org.apache.flink.streaming.api.functions.ProcessFunction',
  ProcessJoinFunction: 'org.apache.flink.streaming.api.functions.co.ProcessJoinFunction',
  FlatMapFunction: 'org.apache.flink.api.common.functions.FlatMapFunction',
  TypeHint: 'org.apache.flink.api.common.typeinfo.TypeHint',
  TypeInformation: 'org.apache.flink.api.common.typeinfo.TypeInformation',
  Types: 'org.apache.flink.api.common.typeinfo.Types',
  RateLimiterStrategy: 'org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy',
  CheckpointingOptions: 'org.apache.flink.configuration.CheckpointingOptions',
  Configuration: 'org.apache.flink.configuration.Configuration',
  RestartStrategyOptions: 'org.apache.flink.configuration.RestartStrategyOptions',
  DataGeneratorSource: 'org.apache.flink.connector.datagen.source.DataGeneratorSource',
  GeneratorFunction: 'org.apache.flink.connector.datagen.source.GeneratorFunction',
  FileSource: 'org.apache.flink.connector.file.src.FileSource',
  TextLineInputFormat: 'org.apache.flink.connector.file.src.reader.TextLineInputFormat',
  CheckpointingMode: 'org.apache.flink.core.execution.CheckpointingMode',
  Path: 'org.apache.flink.core.fs.Path',
  DataStream: 'org.apache.flink.streaming.api.datastream.DataStream',
  KeyedStream: 'org.apache.flink.streaming.api.datastream.KeyedStream',
  SingleOutputStreamOperator:
    'org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator',
  StreamExecutionEnvironment:
    'org.apache.flink.streaming.api.environment.StreamExecutionEnvironment',
  ProcessAllWindowFunction:
    'org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction',
  ProcessWindowFunction: 'org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction',
  EventTimeSessionWindows:
    'org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows',
  GlobalWindows: 'org.apache.flink.streaming.api.windowing.assigners.GlobalWindows',
  ProcessingTimeSessionWindows:
    'org.apache.flink.streaming.api.windowing.assigners.ProcessingTimeSessionWindows',
  SlidingEventTimeWindows:
    'org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows',
  SlidingProcessingTimeWindows:
    'org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows',
  TumblingEventTimeWindows:
    'org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows',
  TumblingProcessingTimeWindows:
    'org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows',
  CountEvictor: 'org.apache.flink.streaming.api.windowing.evictors.CountEvictor',
  TimeEvictor: 'org.apache.flink.streaming.api.windowing.evictors.TimeEvictor',
  ContinuousEventTimeTrigger:
    'org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger',
  ContinuousProcessingTimeTrigger:
    'org.apache.flink.streaming.api.windowing.triggers.ContinuousProcessingTimeTrigger',
  CountTrigger: 'org.apache.flink.streaming.api.windowing.triggers.CountTrigger',
  EventTimeTrigger: 'org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger',
  ProcessingTimeTrigger: 'org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger',
  PurgingTrigger: 'org.apache.flink.streaming.api.windowing.triggers.PurgingTrigger',
  GlobalWindow: 'org.apache.flink.streaming.api.windowing.windows.GlobalWindow',
  TimeWindow: 'org.apache.flink.streaming.api.windowing.windows.TimeWindow',
  Window: 'org.apache.flink.streaming.api.windowing.windows.Window',
  Collector: 'org.apache.flink.util.Collector',
  OutputTag: 'org.apache.flink.util.OutputTag',
  Duration: 'java.time.Duration',
  Instant: 'java.time.Instant',
  Arrays: 'java.util.Arrays',
  HashMap: 'java.util.HashMap',
  Map: 'java.util.Map',
  Random: 'java.util.Random',
};

function label(node: PipelineNode): string {
  return `${kindInfo(node.kind)?.label ?? node.kind} "${node.name || node.id}" (node ${node.id})`;
}

function variableName(id: string, used: Set<string>): string {
  let name = id.replace(/-/g, '_');
  if (KEYWORDS.has(name) || used.has(name)) name = `${name}Stream`;
  while (used.has(name)) name = `${name}_`;
  used.add(name);
  return name;
}

/** The idleness of every watermark strategy in the job that has one. */
function idlenessValues(doc: PipelineDocument): number[] {
  return doc.nodes.flatMap((n) => {
    const s =
      n.kind === 'watermarks'
        ? n.config.strategy
        : n.kind === 'generator' || n.kind === 'file'
          ? n.config.watermarks
          : null;
    return s && s.type !== 'none' && s.idleness !== null ? [s.idleness] : [];
  });
}

function settings(doc: PipelineDocument, notes: ExportNote[]): string[] {
  const s = doc.settings;
  const out: string[] = ['Configuration config = new Configuration();'];
  // A setting that does not map exactly: a NOTE comment here and an entry in the notes list.
  const note = (message: string) => {
    notes.push({ message, detail: message });
    out.push(`// NOTE: ${message}`);
  };
  const r = s.restartStrategy;
  if (r.type === 'none') out.push('config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");');
  else if (r.type === 'fixedDelay')
    out.push(
      'config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");',
      `config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, ${r.attempts});`,
      `config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(${r.delay}));`,
    );
  else
    out.push(
      'config.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");',
      `config.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, ${r.maxFailures});`,
      `config.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, Duration.ofMillis(${r.interval}));`,
      `config.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, Duration.ofMillis(${r.delay}));`,
    );
  const c = s.checkpointing;
  if (c.enabled)
    out.push(`config.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, ${c.retained});`);
  out.push(
    'StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);',
    `env.setRuntimeMode(RuntimeExecutionMode.${s.runtimeMode});`,
    `env.setMaxParallelism(${s.maxParallelism});`,
  );
  if (s.autoWatermarkInterval > 0)
    out.push(`env.getConfig().setAutoWatermarkInterval(${s.autoWatermarkInterval}L);`);
  else {
    // Streamlab's 0 ms emits a watermark after every record. In the DataStream API 0 turns
    // periodic emission off, so the strategies below use EveryEventWatermarks (punctuated), and
    // the periodic call only runs the idleness check, every `idleness` ms as Streamlab does.
    const all = idlenessValues(doc);
    const idle = all.length > 0 ? Math.min(...all) : null;
    out.push(
      '// Watermarks after every record (Streamlab interval 0): see EveryEventWatermarks.',
      `env.getConfig().setAutoWatermarkInterval(${idle ?? 0}L);`,
    );
    if (new Set(all).size > 1)
      note(
        `with a watermark interval of 0, Streamlab checks each source's idleness every idleness ms; Flink has one periodic interval, so every idleness check runs every ${idle} ms`,
      );
  }
  if (c.enabled)
    out.push(
      `env.enableCheckpointing(${c.interval}L, CheckpointingMode.${c.mode});`,
      `env.getCheckpointConfig().setCheckpointTimeout(${c.timeout}L);`,
      `env.getCheckpointConfig().setMinPauseBetweenCheckpoints(${c.minPause}L);`,
      `env.getCheckpointConfig().enableUnalignedCheckpoints(${c.unaligned});`,
    );
  else out.push('// Checkpointing is off in Streamlab, as in Flink by default.');
  if (s.timeCharacteristic !== 'event')
    note(
      `the ${s.timeCharacteristic}-time characteristic is not exported: the job uses each source's watermark strategy over the records' timestamps`,
    );
  if (s.bufferCapacity !== null)
    note(
      `the channel capacity of ${s.bufferCapacity} records is a Streamlab simulation setting and is not exported: Flink's backpressure comes from its network buffers`,
    );
  return out;
}

function generate(doc: PipelineDocument): ExportResult {
  const notes: ExportNote[] = [];
  const body: string[] = settings(doc, notes);
  const helpers = new Map<string, string>();
  const streams = new Map<string, JStream | null>();
  const used = new Set<string>();
  const classNames = new Set<string>();

  for (const node of topoOrder(doc)) {
    const nodeNotes: string[] = [];
    const statements: string[] = [];
    const note = (message: string) => {
      const detail = commentSafe(message);
      nodeNotes.push(detail);
      notes.push({ nodeId: node.id, message: `${label(node)}: ${detail}`, detail });
    };
    const inputs: JavaContext['inputs'] = [];
    let missing: string | null = null;
    for (const edge of incoming(doc, node.id)) {
      const stream = streams.get(edge.fromPort === 'late' ? `${edge.from}:late` : edge.from);
      if (!stream) missing = edge.from;
      else inputs.push({ edge, stream });
    }
    if (missing !== null) {
      note(`not exported: it follows ${missing}, which is not exported`);
      streams.set(node.id, null);
      body.push('', `// ${label(node)}`, ...nodeNotes.map((n) => `// NOTE: ${n}`));
      continue;
    }
    const variable = variableName(node.id, used);
    const ctx: JavaContext = {
      doc,
      inputs,
      variable,
      className(suffix) {
        let name = `${pascal(node.id)}${suffix}`;
        while (classNames.has(name)) name = `${name}_`;
        classNames.add(name);
        return name;
      },
      statement: (code) => statements.push(code),
      helper: (name, code) => {
        if (!helpers.has(name)) helpers.set(name, code);
      },
      output: (port, stream) => streams.set(`${node.id}:${port}`, stream),
      note,
      todo(type, expression, reason, where) {
        note(`${where} is not translated (${reason}); it is a TODO in Job.java: ${expression}`);
        const boxed = {
          long: 'Long',
          double: 'Double',
          string: 'String',
          boolean: 'Boolean',
          record: 'Map<String, Object>',
          unknown: 'Object',
        }[type];
        return `Job.<${boxed}>todo(${JSON.stringify(`${where} of node ${node.id}: ${expression}`)}) /* TODO: ${commentSafe(reason)} */`;
      },
    };
    const rule = JAVA_RULES[node.kind] as (n: PipelineNode, c: JavaContext) => JStream | null;
    streams.set(node.id, rule(node, ctx));
    body.push('', `// ${label(node)}`, ...nodeNotes.map((n) => `// NOTE: ${n}`), ...statements);
  }
  body.push('', `env.execute(${JSON.stringify(doc.name)});`);

  const seed = doc.settings.seed;
  const classBody = `/** Generated by Streamlab from the pipeline ${JSON.stringify(doc.name).replace(/\*\//g, '* /')}, for Apache Flink ${FLINK_VERSION}. */
public final class Job {
/** The pipeline's seed, for the generator sources. */
private static final long SEED = ${seed}L;

public static void main(String[] args) throws Exception {
${body.join('\n')}
}

/** A Streamlab record: its key, its value and its event timestamp in milliseconds. */
public static class Event<V> {
public String key;
public V value;
public long timestamp;

public Event() {}

public static <V> Event<V> of(String key, V value, long timestamp) {
Event<V> e = new Event<>();
e.key = key;
e.value = value;
e.timestamp = timestamp;
return e;
}

@Override
public String toString() {
return "(" + key + ", " + value + ", " + timestamp + ")";
}
}

/** Marks user logic the export could not translate: the job fails here until it is written. */
static <T> T todo(String what) {
throw new UnsupportedOperationException("TODO: translate " + what);
}
${[...helpers.values()].map((h) => `\n${h}`).join('\n')}
}`;
  const imports = Object.entries(IMPORTS)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(classBody))
    .map(([, fq]) => fq)
    .sort((a, b) => {
      const ja = a.startsWith('java.') ? 1 : 0;
      const jb = b.startsWith('java.') ? 1 : 0;
      return ja - jb || a.localeCompare(b);
    });
  const importLines: string[] = [];
  let lastGroup: string | null = null;
  for (const i of imports) {
    const group = i.startsWith('java.') ? 'java' : 'flink';
    if (lastGroup !== null && group !== lastGroup) importLines.push('');
    importLines.push(`import ${i};`);
    lastGroup = group;
  }
  const noteBlock =
    notes.length > 0
      ? `/*\n * Where this is not an exact mapping of the pipeline:\n${notes.map((n) => ` *  - ${commentSafe(n.message)}`).join('\n')}\n */\n`
      : '';
  const java = formatJava(
    `package streamlab;\n\n${importLines.join('\n')}\n\n${noteBlock}${classBody}`,
  );
  const artifact =
    doc.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'streamlab-job';
  return {
    files: [
      { path: 'src/main/java/streamlab/Job.java', language: 'java', content: java },
      { path: 'pom.xml', language: 'xml', content: pomXml(artifact) },
    ],
    notes,
  };
}

export const flinkJavaExporter: Exporter = {
  id: 'flink-java',
  label: 'Flink DataStream (Java)',
  generate,
};
