import { JsonNumber, JsonObject, JsonValue } from './json-value';

/** Maximum nesting of arrays/objects; deeper documents are rejected (no stack overflow). */
export const MAX_JSON_DEPTH = 64;

/** Outcome of a strict parse. `caseDuplicates` lists object keys that differ only in case. */
export type JsonParseResult =
  | { ok: true; value: JsonValue; caseDuplicates: CaseDuplicate[] }
  | { ok: false; message: string; offset: number };

/** Two keys of one object that differ only in letter case, with the JSON path of the object. */
export interface CaseDuplicate {
  path: string;
  keys: [string, string];
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Strict RFC 8259 parser: no comments, no trailing commas, no duplicate keys, depth-limited
 * recursion, linear time. Never throws.
 */
export function parseStrictJson(text: string): JsonParseResult {
  const parser = new Parser(text);
  try {
    const value = parser.parseDocument();
    return { ok: true, value, caseDuplicates: parser.caseDuplicates };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, message: e.message, offset: e.offset };
    return { ok: false, message: 'Unparsable document', offset: 0 };
  }
}

class Parser {
  private pos = 0;
  readonly caseDuplicates: CaseDuplicate[] = [];
  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipWs();
    const value = this.parseValue(0, '');
    this.skipWs();
    if (this.pos !== this.text.length) this.fail('Unexpected data after the document');
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  private skipWs(): void {
    const t = this.text;
    let p = this.pos;
    while (p < t.length) {
      const c = t.charCodeAt(p);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      p++;
    }
    this.pos = p;
  }

  private parseValue(depth: number, path: string): JsonValue {
    const c = this.text[this.pos];
    if (c === '{') return this.parseObject(depth + 1, path);
    if (c === '[') return this.parseArray(depth + 1, path);
    if (c === '"') return this.parseString();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.parseNumber();
    return this.fail(c === undefined ? 'Unexpected end of document' : `Unexpected character '${c}'`);
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('Invalid literal');
    this.pos += word.length;
    return value;
  }

  private parseNumber(): JsonNumber {
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(this.text);
    if (!m) this.fail('Invalid number');
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  private checkDepth(depth: number): void {
    // INVARIANT: recursion depth is bounded by MAX_JSON_DEPTH, so a nesting bomb cannot overflow the stack.
    if (depth > MAX_JSON_DEPTH) this.fail(`Nesting deeper than ${MAX_JSON_DEPTH} levels`);
  }

  private parseObject(depth: number, path: string): JsonObject {
    this.checkDepth(depth);
    this.pos++;
    const obj = new JsonObject();
    const lowered = new Map<string, string>();
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('Expected a quoted key');
      const keyOffset = this.pos;
      const key = this.parseString();
      if (obj.has(key)) throw new JsonSyntaxError(`Duplicate key '${key}'`, keyOffset);
      const lower = key.toLowerCase();
      const other = lowered.get(lower);
      if (other !== undefined) this.caseDuplicates.push({ path, keys: [other, key] });
      else lowered.set(lower, key);
      this.skipWs();
      if (this.text[this.pos] !== ':') this.fail("Expected ':'");
      this.pos++;
      this.skipWs();
      obj.entries.set(key, this.parseValue(depth, childPath(path, key)));
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === '}') return obj;
      if (c !== ',') this.fail("Expected ',' or '}'");
    }
  }

  private parseArray(depth: number, path: string): JsonValue[] {
    this.checkDepth(depth);
    this.pos++;
    const arr: JsonValue[] = [];
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.skipWs();
      arr.push(this.parseValue(depth, `${path}[${arr.length}]`));
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === ']') return arr;
      if (c !== ',') this.fail("Expected ',' or ']'");
    }
  }

  private parseString(): string {
    const t = this.text;
    let p = this.pos + 1;
    let out = '';
    let start = p;
    for (;;) {
      if (p >= t.length) this.failAt('Unterminated string', p);
      const c = t.charCodeAt(p);
      if (c === 0x22) break;
      if (c < 0x20) this.failAt('Control character in string', p);
      if (c === 0x5c) {
        out += t.slice(start, p);
        p = this.escape(p, (s) => (out += s));
        start = p;
        continue;
      }
      p++;
    }
    out += t.slice(start, p);
    this.pos = p + 1;
    return out;
  }

  private escape(p: number, emit: (s: string) => void): number {
    const e = this.text[p + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (e !== undefined && Object.prototype.hasOwnProperty.call(simple, e)) {
      emit(simple[e]);
      return p + 2;
    }
    if (e === 'u') {
      const hex = this.text.slice(p + 2, p + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.failAt('Invalid unicode escape', p);
      emit(String.fromCharCode(parseInt(hex, 16)));
      return p + 6;
    }
    return this.failAt('Invalid escape', p);
  }

  private failAt(message: string, offset: number): never {
    throw new JsonSyntaxError(message, offset);
  }
}

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
