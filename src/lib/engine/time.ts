/**
 * Time constants of the engine, in milliseconds of virtual time.
 *
 * Flink uses Long.MIN_VALUE / Long.MAX_VALUE; JavaScript numbers are exact only up to 2^53 − 1,
 * so the engine uses the safe-integer bounds instead. They are never shown to people: a
 * subtask without a watermark reports `null` in its status.
 */

/** "No watermark yet" (Flink's Long.MIN_VALUE). */
export const MIN_WATERMARK = Number.MIN_SAFE_INTEGER;

/** The watermark a bounded input sends at its end (Flink's Watermark.MAX_WATERMARK, Long.MAX_VALUE). */
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;
