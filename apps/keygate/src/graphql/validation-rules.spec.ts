import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { maxAliasesRule, maxDepthRule } from './validation-rules';

const schema = buildSchema(`
  type Node { id: String! child: Node }
  type Query { node: Node }
`);

function errors(query: string): string[] {
  return validate(schema, parse(query), [...specifiedRules, maxAliasesRule(2), maxDepthRule(3)]).map((e) => e.message);
}

describe('validation rules', () => {
  it('accepts documents within the limits', () => {
    expect(errors('{ a: node { id } b: node { child { id } } }')).toEqual([]);
  });

  it('rejects too many aliases', () => {
    expect(errors('{ a: node { id } b: node { id } c: node { id } }')).toEqual([expect.stringMatching(/Too many aliases/)]);
  });

  it('rejects depth reached through fields and fragments, and ignores introspection', () => {
    expect(errors('{ node { child { child { id } } } }')).toEqual([expect.stringMatching(/too deep: 4 levels/)]);
    expect(errors('{ node { ...F } } fragment F on Node { child { child { id } } }')).toEqual([expect.stringMatching(/too deep/)]);
    expect(errors('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual([]);
  });
});
