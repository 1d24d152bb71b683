/** Parse + validate + compile a policy document into its immutable fast form. */
import type { CompiledPolicy, Finding, PolicyKind, PolicySourceType } from '../types';
import { parsePolicy } from '../parse/parse-policy';
import { FindingSink } from '../validate/finding';
import { validateParsedPolicy, validateRawText } from '../validate/validate-policy';
import type { ParsedPolicy } from '../parse/policy-model';
import { ActionIndex } from './action-index';
import { CompiledStatement, compileStatement } from './compiled-statement';

/** Options for compilePolicy. */
export interface CompileOptions {
  kind: PolicyKind;
  policyId: string;
  sourceType: PolicySourceType;
}

/** Result of compilePolicy: the compiled policy when the document can be parsed into a policy
 * (even if it has ERROR findings), plus all findings. */
export interface CompileResult {
  policy?: CompiledPolicy;
  findings: Finding[];
}

/** Engine-internal part of a CompiledPolicy. */
export interface PolicyInternal {
  readonly statements: readonly CompiledStatement[];
  readonly index: ActionIndex;
}

/** The version used for evaluation: variables only under 2012-10-17 (missing = legacy). */
export function effectiveVersion(parsed: ParsedPolicy): string {
  return parsed.version === '2012-10-17' ? '2012-10-17' : '2008-10-17';
}

/** Parse and validate only. */
export function analysePolicy(text: string, kind: PolicyKind): { parsed?: ParsedPolicy; findings: Finding[] } {
  const sink = new FindingSink();
  validateRawText(text, kind, sink);
  const parsed = parsePolicy(text, sink);
  if (parsed !== undefined) validateParsedPolicy(parsed, kind, sink);
  return { parsed, findings: sink.findings };
}

/** Compile a document; `policy` is undefined only when the text cannot be parsed into a policy. */
export function compilePolicyDocument(text: string, options: CompileOptions): CompileResult {
  const { parsed, findings } = analysePolicy(text, options.kind);
  if (parsed === undefined) return { findings };
  const version = effectiveVersion(parsed);
  const variables = version === '2012-10-17';
  const statements = parsed.statements.map((st) => Object.freeze(compileStatement(st, options.kind, variables)));
  const internal: PolicyInternal = Object.freeze({ statements, index: new ActionIndex(statements) });
  const policy: CompiledPolicy = Object.freeze({ policyId: options.policyId, sourceType: options.sourceType, kind: options.kind, version, internal });
  return { policy, findings };
}

/** Read the internal form of a compiled policy (throws on foreign objects: authorize fails closed). */
export function internalOf(policy: CompiledPolicy): PolicyInternal {
  const internal = policy.internal as PolicyInternal | undefined;
  if (internal === undefined || !(internal.index instanceof ActionIndex)) throw new Error('policy was not produced by compilePolicy');
  return internal;
}
