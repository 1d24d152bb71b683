/** Extra GraphQL validation rules: bounded aliases and optional introspection. */
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Most aliases one document may use (bulk authorization has authorizeBatch). */
export const MAX_ALIASES = 10;

/** Deepest selection nesting an operation may use (introspection fields are not counted). */
export const MAX_DEPTH = 8;

function depthOf(context: ValidationContext, set: SelectionSetNode | undefined, memo: Map<string, number>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection (__schema, __type) is switched on or off as a whole; GraphiQL's query is deep.
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depthOf(context, selection.selectionSet, memo));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(context, selection.selectionSet, memo));
    } else {
      deepest = Math.max(deepest, fragmentDepth(context, selection.name.value, memo));
    }
  }
  return deepest;
}

function fragmentDepth(context: ValidationContext, name: string, memo: Map<string, number>): number {
  const known = memo.get(name);
  if (known !== undefined) return known;
  // INVARIANT: a fragment being expanded counts 0 when reached again, so cycles (which the
  // standard NoFragmentCycles rule rejects anyway) cannot loop, and each fragment is walked once.
  memo.set(name, 0);
  const depth = depthOf(context, context.getFragment(name)?.selectionSet, memo);
  memo.set(name, depth);
  return depth;
}

/** Rejects operations nested deeper than `max` fields. */
export function maxDepthRule(max: number = MAX_DEPTH): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      const depth = depthOf(context, node.selectionSet, new Map());
      if (depth > max) {
        context.reportError(new GraphQLError(`Query is too deep: ${depth} levels, at most ${max}.`, { nodes: [node] }));
      }
    },
  });
}

/** Rejects documents with more than `max` aliased fields. */
export function maxAliasesRule(max: number = MAX_ALIASES): ValidationRule {
  return (context: ValidationContext) => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias || reported) return;
        aliases += 1;
        if (aliases > max) {
          reported = true;
          context.reportError(
            new GraphQLError(`Too many aliases: at most ${max} per document; use authorizeBatch for bulk authorization.`, {
              nodes: [node],
            }),
          );
        }
      },
    };
  };
}

/** The validation rules for a configuration. */
export function validationRules(options: { introspection: boolean }): ValidationRule[] {
  const rules = [maxAliasesRule(), maxDepthRule()];
  if (!options.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
