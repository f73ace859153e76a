/** One entry of the example gallery: a ready pipeline (plain JSON, as a user would save it). */
export interface Example {
  /** Stable id, used in tests and links. */
  id: string;
  title: string;
  /** Two or three sentences: what the pipeline shows and what to look at when it runs. */
  summary: string;
  /** The Flink ideas it makes tangible, shown as tags. */
  concepts: string[];
  /** A pipeline document, version 1, written as JSON; validated when opened. */
  json: Record<string, unknown>;
}
