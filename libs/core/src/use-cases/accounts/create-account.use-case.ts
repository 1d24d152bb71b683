/** createAccount: a new tenant and its root access key (operator token only). */
import { randomInt } from 'node:crypto';
import { type Caller, callerArn, rootArn } from '../../auth/caller';
import { generateAccessKey } from '../../auth/credentials';
import { DomainError, errors } from '../../errors/domain-error';
import type { Store } from '../../ports/store.port';

/** Input of createAccount (contract: CreateAccountInput). */
export interface CreateAccountInput {
  name: string;
  accountId?: string | null;
}

/** Result of createAccount; the secret is returned here once and never stored. */
export interface CreateAccountResult {
  account: { accountId: string; name: string; arn: string };
  rootAccessKey: { accessKeyId: string; secretAccessKey: string; status: 'Active'; createDate: Date };
  revision: bigint;
}

const ACCOUNT_ID = /^\d{12}$/;
// Printable ASCII plus printable Unicode; no control characters.
const PRINTABLE = /^[^\p{Cc}\p{Cs}]+$/u;
const GENERATION_ATTEMPTS = 5;

/** Generates a random 12-digit account id that does not start with 0 (as AWS account ids look). */
export function generateAccountId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 100_000_000_000)).padStart(11, '0')}`;
}

/** Creates an account and its root access key in one Store.change. */
export class CreateAccountUseCase {
  constructor(
    private readonly store: Store,
    private readonly newAccountId: () => string = generateAccountId,
  ) {}

  async execute(caller: Caller, input: CreateAccountInput): Promise<CreateAccountResult> {
    if (caller.kind !== 'operator') {
      throw errors.accessDenied(
        `User: ${callerArn(caller)} is not authorized to perform: keygate:CreateAccount on resource: * because only the operator token may create accounts`,
      );
    }
    const name = validateName(input.name);
    if (input.accountId !== undefined && input.accountId !== null) {
      return this.create(validateAccountId(input.accountId), name);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.create(this.newAccountId(), name);
      } catch (error) {
        const collided = error instanceof DomainError && error.code === 'ALREADY_EXISTS';
        if (!collided || attempt >= GENERATION_ATTEMPTS) throw error;
      }
    }
  }

  private async create(accountId: string, name: string): Promise<CreateAccountResult> {
    const key = generateAccessKey();
    const arn = rootArn(accountId);
    const { result, revision } = await this.store.change(
      { accountId, actorArn: 'operator', action: 'keygate:CreateAccount', resource: arn, details: { name, accessKeyId: key.accessKeyId } },
      async (repos) => {
        if (await repos.accounts.get(accountId)) throw errors.alreadyExists(`Account "${accountId}" already exists.`);
        await repos.accounts.create(accountId, name);
        return repos.accessKeys.create({
          accountId,
          accessKeyId: key.accessKeyId,
          secretHash: key.secretHash,
          owner: { kind: 'root' },
        });
      },
    );
    return {
      account: { accountId, name, arn },
      rootAccessKey: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, status: 'Active', createDate: result.createdAt },
      revision,
    };
  }
}

function validateName(name: string): string {
  if (typeof name !== 'string' || name.length < 1 || name.length > 64 || !PRINTABLE.test(name)) {
    throw errors.validation('Account name must be 1 to 64 printable characters.');
  }
  return name;
}

function validateAccountId(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) {
    throw errors.validation(`Account id ${JSON.stringify(accountId.slice(0, 32))} must be exactly 12 digits.`);
  }
  return accountId;
}
