/** Extra GraphQL validation rules: bounded aliases and optional introspection. */
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';

/** Most aliases one document may use (bulk authorization has authorizeBatch). */
export const MAX_ALIASES = 10;

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
  const rules = [maxAliasesRule()];
  if (!options.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
