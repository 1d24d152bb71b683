import { globMatch, compileGlobTokens } from '../match/glob';
import { parseTemplate, resolveGlobTokens, resolveText, templateVariables } from './variables';

const ctx = new Map<string, string[]>([['aws:username', ['alice']], ['aws:tagkeys', ['a', 'b']]]);

describe('policy variables', () => {
  it('parses variables, defaults and escapes', () => {
    const t = parseTemplate("home/${aws:username}/${aws:PrincipalTag/x, 'none'}/${*}${?}${$}");
    expect(templateVariables(t)).toEqual(['aws:username', 'aws:PrincipalTag/x']);
    expect(resolveText(t, ctx)).toBe('home/alice/none/*?$');
  });
  it('keeps malformed variables literal', () => {
    const t = parseTemplate('a${b');
    expect(t.hasVariables).toBe(false);
    expect(resolveText(t, ctx)).toBe('a${b');
  });
  it('treats escaped wildcards as literal characters in globs', () => {
    const tokens = resolveGlobTokens(parseTemplate('file${*}*'), ctx);
    const g = compileGlobTokens(tokens ?? []);
    expect(globMatch(g, 'file*x')).toBe(true);
    expect(globMatch(g, 'filex')).toBe(false);
  });
  it('has no value for missing or multi-valued keys', () => {
    expect(resolveText(parseTemplate('${aws:userid}'), ctx)).toBeUndefined();
    expect(resolveText(parseTemplate('${aws:TagKeys}'), ctx)).toBeUndefined();
  });
});
