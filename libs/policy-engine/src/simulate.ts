/** The stateless simulator (SimulateCustomPolicy-like), DECISIONS.md 5 and 6. */
import type { AuthorizationRequest, CompiledPolicy, KeyFacts, SimulationInput, SimulationResult } from './types';
import { compilePolicyDocument } from './compile/compile-policy';
import { principalFactsFromArn } from './catalog/principal-facts';
import { isKeyArn, parseArn } from './match/arn';
import { authorizeRequest } from './evaluate/authorize';

/** Default simulation time: deterministic results. */
export const DEFAULT_SIMULATION_TIME = '2026-01-01T00:00:00Z';
/** Default simulation region. */
export const DEFAULT_SIMULATION_REGION = 'us-east-1';

type Compiled = { ok: true; policy: CompiledPolicy } | { ok: false; result: SimulationResult };

function compileOne(text: string, kind: 'identity' | 'resource', id: string, sourceType: CompiledPolicy['sourceType']): Compiled {
  const r = compilePolicyDocument(text, { kind, policyId: id, sourceType });
  if (r.policy === undefined) return { ok: false, result: { ok: false, documentIndex: id, findings: r.findings } };
  return { ok: true, policy: r.policy };
}

function keyFactsFor(input: SimulationInput): KeyFacts | undefined {
  if (!isKeyArn(input.resource)) return undefined;
  const arn = parseArn(input.resource);
  if (arn === undefined) return undefined;
  const k = input.key ?? {};
  return {
    arn: input.resource,
    accountId: arn.account,
    region: k.region ?? arn.region,
    keyState: k.keyState ?? 'ENABLED',
    keySpec: k.keySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: k.keyUsage ?? 'ENCRYPT_DECRYPT',
    origin: k.origin ?? 'AWS_KMS',
    multiRegion: k.multiRegion ?? false,
    aliases: k.aliases ?? [],
    tags: k.tags ?? {},
  };
}

/**
 * In a simulation the caller describes the request, so an `aws:SecureTransport` context entry sets
 * the transport fact (authorize itself never takes it from caller context).
 */
function secureTransportOf(input: SimulationInput): boolean {
  const entry = (input.context ?? []).find((e) => e && typeof e.key === 'string' && e.key.toLowerCase() === 'aws:securetransport');
  return entry === undefined || !Array.isArray(entry.values) || String(entry.values[0]).toLowerCase() !== 'false';
}

/** Evaluate documents statelessly. Only documents that cannot be parsed into a policy are rejected. */
export function simulatePolicies(input: SimulationInput): SimulationResult {
  const built = simulationRequest(input);
  return built.ok ? { ok: true, result: authorizeRequest(built.request) } : built.result;
}

/** The engine request a simulation evaluates, or the rejection of a document that cannot be parsed. */
export function simulationRequest(input: SimulationInput): { ok: true; request: AuthorizationRequest } | { ok: false; result: SimulationResult } {
  const identity: CompiledPolicy[] = [];
  const docs = Array.isArray(input.identityPolicies) ? input.identityPolicies : [];
  for (let i = 0; i < docs.length; i++) {
    const c = compileOne(docs[i], 'identity', `identityPolicies[${i}]`, 'IDENTITY');
    if (!c.ok) return { ok: false, result: c.result };
    identity.push(c.policy);
  }
  const boundaries: CompiledPolicy[] = [];
  const boundaryDocs = Array.isArray(input.permissionsBoundaries) ? input.permissionsBoundaries : [];
  for (let i = 0; i < boundaryDocs.length; i++) {
    const c = compileOne(boundaryDocs[i], 'identity', `permissionsBoundaries[${i}]`, 'PERMISSIONS_BOUNDARY');
    if (!c.ok) return { ok: false, result: c.result };
    boundaries.push(c.policy);
  }
  let resourcePolicy: CompiledPolicy | undefined;
  if (input.resourcePolicy !== undefined && input.resourcePolicy !== null) {
    const c = compileOne(input.resourcePolicy, 'resource', 'resourcePolicy', 'RESOURCE');
    if (!c.ok) return { ok: false, result: c.result };
    resourcePolicy = c.policy;
  }
  const request: AuthorizationRequest = {
    principal: principalFactsFromArn(input.principalArn, { roleArn: input.roleArn, tags: input.principalTags }),
    action: input.action,
    resource: input.resource,
    resourceAccount: input.resourceAccount,
    key: keyFactsFor(input),
    requestAlias: input.requestAlias,
    identityPolicies: identity,
    permissionsBoundary: boundaries[0],
    // INVARIANT: every boundary given is evaluated; each must allow and any Deny is final.
    additionalPermissionsBoundaries: boundaries.slice(1),
    resourcePolicy,
    grants: input.grants,
    grantTokens: input.grantTokens,
    context: input.context,
    timeMs: Date.parse(input.time ?? DEFAULT_SIMULATION_TIME),
    region: input.region ?? DEFAULT_SIMULATION_REGION,
    secureTransport: secureTransportOf(input),
  };
  return { ok: true, request };
}
