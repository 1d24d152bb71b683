/**
 * Values produced by the strict JSON parser. Objects keep their keys in document order in a Map
 * (never a plain object), so keys such as "__proto__" or "constructor" are ordinary data.
 */

/** A JSON number kept as its source text (AWS treats unquoted numbers as their literal text). */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

/** A JSON object: keys in document order; duplicate keys are rejected by the parser. */
export class JsonObject {
  readonly entries = new Map<string, JsonValue>();
  get(key: string): JsonValue | undefined {
    return this.entries.get(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  get size(): number {
    return this.entries.size;
  }
}

/** Any parsed JSON value. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

/** True for a JSON object. */
export function isObject(v: JsonValue | undefined): v is JsonObject {
  return v instanceof JsonObject;
}

/** Scalars AWS accepts where a string is expected: strings, numbers, booleans. */
export function scalarText(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof JsonNumber) return v.raw;
  return undefined;
}
