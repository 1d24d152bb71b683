/** ARN parsing: `arn:partition:service:region:account:resource`, split on the first five colons. */

/** The six parts of an ARN. `resource` keeps every later colon. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Split an ARN on its first five colons; undefined when the text is not an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const parts = splitArnParts(arn);
  if (parts === undefined) return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts[5] };
}

/** Split on the first five colons into six strings, or undefined if there are fewer than five. */
export function splitArnParts(text: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const c = text.indexOf(':', start);
    if (c < 0) return undefined;
    out.push(text.slice(start, c));
    start = c + 1;
  }
  out.push(text.slice(start));
  return out;
}

/** True for a KMS key ARN (`arn:<p>:kms:<r>:<a>:key/<id>`). */
export function isKeyArn(arn: string): boolean {
  const p = parseArn(arn);
  return p !== undefined && p.service === 'kms' && p.resource.startsWith('key/');
}

/** True for a KMS alias ARN (`arn:<p>:kms:<r>:<a>:alias/<name>`). */
export function isAliasArn(arn: string): boolean {
  const p = parseArn(arn);
  return p !== undefined && p.service === 'kms' && p.resource.startsWith('alias/');
}
