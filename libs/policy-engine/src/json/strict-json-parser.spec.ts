import { JsonNumber, JsonObject } from './json-value';
import { MAX_JSON_DEPTH, parseStrictJson } from './strict-json-parser';

describe('parseStrictJson', () => {
  it('parses objects into Maps in document order, numbers as source text', () => {
    const r = parseStrictJson('{"b": 1.50, "a": [true, null, "x\\u0041\\n"]}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.value as JsonObject;
    expect([...o.entries.keys()]).toEqual(['b', 'a']);
    expect((o.get('b') as JsonNumber).raw).toBe('1.50');
    expect(o.get('a')).toEqual([true, null, 'xA\n']);
  });

  it.each([
    ['{"a":1,}', 'trailing comma'],
    ['{"a":1} x', 'trailing data'],
    ["{'a':1}", 'single quotes'],
    ['{"a":01}', 'leading zero'],
    ['{"a":"\t"}', 'raw control character'],
    ['{"a":"\\x"}', 'bad escape'],
    ['// c\n{}', 'comment'],
    ['', 'empty'],
    ['{"a" 1}', 'missing colon'],
  ])('rejects %j (%s)', (text) => {
    expect(parseStrictJson(text).ok).toBe(false);
  });

  it('rejects duplicate keys and reports keys differing only in case', () => {
    const dup = parseStrictJson('{"Effect":"Allow","Effect":"Deny"}');
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.message).toContain("Duplicate key 'Effect'");
    const cased = parseStrictJson('{"C":{"StringEquals":{"aws:username":"a","AWS:UserName":"b"}}}');
    expect(cased.ok && cased.caseDuplicates).toEqual([{ path: 'C.StringEquals', keys: ['aws:username', 'AWS:UserName'] }]);
  });

  it('keeps __proto__ and constructor as plain data without touching prototypes', () => {
    const r = parseStrictJson('{"__proto__": {"polluted": true}, "constructor": 1}');
    expect(r.ok).toBe(true);
    if (r.ok) expect([...(r.value as JsonObject).entries.keys()]).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('limits nesting depth instead of overflowing the stack', () => {
    const ok = parseStrictJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH));
    expect(ok.ok).toBe(true);
    const bomb = parseStrictJson('['.repeat(16000) + ']'.repeat(16000));
    expect(bomb.ok).toBe(false);
    if (!bomb.ok) expect(bomb.message).toContain('Nesting deeper');
    expect(parseStrictJson('{"a":'.repeat(16000)).ok).toBe(false);
  });

  it('parses a large document in linear time', () => {
    const big = JSON.stringify({ Statement: Array.from({ length: 5000 }, (_, i) => ({ Sid: `S${i}`, Action: ['kms:Encrypt', 'kms:Decrypt'] })) });
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      expect(parseStrictJson(big).ok).toBe(true);
      best = Math.min(best, performance.now() - t);
    }
    expect(best).toBeLessThan(500);
  });
});
