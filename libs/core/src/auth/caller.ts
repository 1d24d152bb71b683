/** Who is calling: the deployment's operator, or a principal of one account. */

/** The holder of the operator token (KEYGATE_ADMIN_TOKEN): not a principal of any account. */
export interface OperatorCaller {
  kind: 'operator';
}

/** A principal authenticated with an access key of its account. */
export interface PrincipalCaller {
  kind: 'principal';
  accountId: string;
  /** arn:aws:iam::<account>:root or arn:aws:iam::<account>:user<path><name>. */
  arn: string;
  principalType: 'root' | 'user';
  /** The access key used for this request. */
  accessKeyId: string;
  /** IAM users only (AIDA...). */
  userId?: string;
  /** IAM users only. */
  userName?: string;
}

/** The authenticated caller of one request. */
export type Caller = OperatorCaller | PrincipalCaller;

/** ARN of the account root. */
export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** How the caller appears in audit rows and denial messages. */
export function callerArn(caller: Caller): string {
  return caller.kind === 'operator' ? 'operator' : caller.arn;
}
