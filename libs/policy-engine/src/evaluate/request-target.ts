/** Normalised view of the request: lower-cased action, resource target, owning account. */
import type { AuthorizationRequest, KeyTarget } from '../types';
import { parseArn } from '../match/arn';
import { type ArnKey, type ResourceTarget, exactArnKey, sharedArnKey } from '../compile/resource-matcher';
import { splitRequestArn } from '../match/arn-pattern';

/** A request resource; the split form is computed only when a wildcard pattern needs it. */
class RequestTarget implements ResourceTarget {
  private parts: readonly string[] | undefined | null = null;

  readonly key: string | null;
  readonly keyBitA: number;
  readonly keyBitB: number;

  constructor(
    readonly raw: string,
    arnKey: ArnKey | null,
    readonly star: boolean,
    readonly scope: readonly string[],
  ) {
    this.key = arnKey === null ? null : arnKey.text;
    this.keyBitA = arnKey === null ? 0 : arnKey.bitA;
    this.keyBitB = arnKey === null ? 0 : arnKey.bitB;
  }

  get split(): readonly string[] | undefined {
    if (this.parts === null) this.parts = this.star ? undefined : splitRequestArn(this.raw, true);
    return this.parts;
  }
}

const NO_SCOPE: readonly string[] = Object.freeze([]);

/** Build the target a Resource element is matched against. */
export function resourceTarget(resource: string, req: AuthorizationRequest, actionLower: string): ResourceTarget {
  if (resource === '*') {
    const service = actionLower.slice(0, Math.max(0, actionLower.indexOf(':')));
    const account = req.resourceAccount ?? req.principal.accountId ?? '';
    const partition = parseArn(req.principal.arn)?.partition ?? 'aws';
    return new RequestTarget('*', null, true, [partition.toLowerCase(), service, req.region.toLowerCase(), account]);
  }
  return new RequestTarget(resource, targetKey(resource), false, NO_SCOPE);
}

/**
 * A KeyTarget: a key ARN's resource target in a private field. Only keyTargetOf makes one, and the
 * engine reads the field only through the brand check in unwrap (a look-alike object, even one
 * sharing this prototype, has no such field); callers cannot reach or change the target.
 */
class PrebuiltKeyTarget implements KeyTarget {
  readonly kind = 'key-target';
  readonly #target: RequestTarget;

  constructor(target: RequestTarget) {
    this.#target = target;
  }

  /** Opaque to callers (KeyTarget.internal). */
  get internal(): unknown {
    return undefined;
  }

  /** The target inside `value` if keyTargetOf built it, else undefined. */
  static unwrap(value: unknown): RequestTarget | undefined {
    return typeof value === 'object' && value !== null && #target in value ? (value as PrebuiltKeyTarget).#target : undefined;
  }
}

/**
 * The target of a KMS key's own ARN, built once when the key is loaded (KeyFacts.target): a
 * decision on the key then neither takes the ARN apart nor looks it up in the shared ARN-key table
 * (a 50k-entry map, so a cache miss or two per decision). The ArnKey is the shared one if a policy
 * compiled before lists the ARN, else an equal fresh one: literal comparisons give the same answers.
 */
export function keyTargetOf(keyArn: string): KeyTarget {
  return Object.freeze(new PrebuiltKeyTarget(new RequestTarget(keyArn, targetKey(keyArn), false, NO_SCOPE)));
}

/**
 * The target of the request's key `keyArn`: the prebuilt one when req.key carries one that
 * keyTargetOf built for that same ARN, else a new one. INVARIANT: anything else is never used.
 */
export function requestKeyTarget(req: AuthorizationRequest, keyArn: string, actionLower: string): ResourceTarget {
  const pre = PrebuiltKeyTarget.unwrap(req.key?.target);
  return pre !== undefined && pre.raw === keyArn ? pre : resourceTarget(keyArn, req, actionLower);
}

/** The exactArnKey form of the request ARN (the raw text itself when its head has nothing to lower-case); null when not an ARN. */
function targetKey(raw: string): ArnKey | null {
  let colon = -1;
  for (let i = 0; i < 5; i++) {
    colon = raw.indexOf(':', colon + 1);
    if (colon < 0) return null;
  }
  for (let i = 0; i < colon; i++) {
    const c = raw.charCodeAt(i);
    // INVARIANT: any upper-case ASCII or non-ASCII character takes the lower-casing path.
    if ((c >= 65 && c <= 90) || c >= 128) return sharedArnKey(exactArnKey(splitRequestArn(raw, true)) as string);
  }
  return sharedArnKey(raw);
}

/** Owner account of the resource: the ARN's account, the key's account, or resourceAccount. */
export function resourceAccountOf(req: AuthorizationRequest): string | undefined {
  const fromArn = req.resource === '*' ? undefined : parseArn(req.resource)?.account;
  return fromArn || req.key?.accountId || req.resourceAccount || undefined;
}
