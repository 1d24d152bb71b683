/**
 * @keygate/policy-engine: the AWS IAM and KMS policy language, parsed, validated, compiled,
 * evaluated and explained. Pure TypeScript: no Nest, no Prisma, no I/O, no environment, no clock.
 *
 * TEMPORARY STUB (scaffold): the signatures below are the public API; the implementation replaces
 * these bodies. Consumers code against these signatures.
 */
import type {
  AuthorizationDecision,
  AuthorizationRequest,
  CompiledPolicy,
  Finding,
  PolicyKind,
  PolicySourceType,
  SimulationInput,
  SimulationResult,
} from './types';

export * from './types';

/** Validate a policy document the way IAM / KMS would on write (Access Analyzer style findings). */
export function validatePolicy(_text: string, _kind: PolicyKind): Finding[] {
  throw new Error('not implemented');
}

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

/** Parse, validate and compile a document once into an immutable, fast form. */
export function compilePolicy(_text: string, _options: CompileOptions): CompileResult {
  throw new Error('not implemented');
}

/** Decide one request (generic IAM algorithm, or the KMS algorithm when the action targets a key). */
export function authorize(_request: AuthorizationRequest): AuthorizationDecision {
  throw new Error('not implemented');
}

/** Evaluate policy documents statelessly, like AWS SimulateCustomPolicy (DECISIONS.md 5 and 6). */
export function simulate(_input: SimulationInput): SimulationResult {
  throw new Error('not implemented');
}
