import { compileGlob, compileGlobTokens, globMatch } from './glob';

const m = (pattern: string, value: string): boolean => globMatch(compileGlob(pattern), value);

describe('glob matching', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['kms:*', 'kms:encrypt', true],
    ['kms:*', 'iam:createuser', false],
    ['kms:get*', 'kms:getkeypolicy', true],
    ['kms:*grant*', 'kms:listretirablegrants', true],
    ['kms:*grant*', 'kms:decrypt', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['*a*a*', 'aa', true],
    ['*a*a*', 'a', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['exact', 'exact', true],
    ['exact', 'Exact', false],
    ['?*?', 'ab', true],
    ['?*?', 'a', false],
  ])('%s ~ %s => %s', (pattern, value, expected) => {
    expect(m(pattern, value)).toBe(expected);
  });

  it('lower-cases the pattern on request (case-insensitive actions)', () => {
    expect(globMatch(compileGlob('KMS:Encrypt', true), 'kms:encrypt')).toBe(true);
  });

  it('keeps literal tokens literal', () => {
    const g = compileGlobTokens(['a', '*', 'b']);
    expect(globMatch(g, 'a*b')).toBe(true);
    expect(globMatch(g, 'axb')).toBe(false);
  });

  it('matches a 50-star pattern against a 10 KB value in under 5 ms', () => {
    const value = 'a'.repeat(10240) + 'b';
    // Best of several runs: the bound is about the algorithm, not about a loaded CI machine.
    const fastest = (pattern: string): number => {
      const g = compileGlob(pattern);
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        globMatch(g, value);
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    expect(fastest(Array.from({ length: 50 }, () => 'a').join('*') + 'b')).toBeLessThan(5);
    expect(fastest('a*' + 'a?b*'.repeat(49))).toBeLessThan(5);
    expect(fastest('*?a'.repeat(50) + '*c')).toBeLessThan(5);
    expect(globMatch(compileGlob(Array.from({ length: 50 }, () => 'a').join('*') + 'b'), value)).toBe(true);
    expect(globMatch(compileGlob('a*' + 'a?b*'.repeat(49)), value)).toBe(false);
  });
});
