import { DomainError } from '@keygate/core';
import { Authenticator, generateAccessKey } from '@keygate/core/auth';
import { InMemoryStore } from '@keygate/testing';
import type { ExecutionContext } from '@nestjs/common';
import { AuthenticationGuard } from './authentication.guard';
import { CallerThrottle, type CallerThrottleLimits } from './caller-throttle';
import type { KeygateContext } from './keygate-context';

const TOKEN = 'kgop_guard_spec_operator_token_0123456789';
const UNLIMITED: CallerThrottleLimits = { rateLimitPerSecond: 0, rateLimitBurst: 1, operatorRateLimitPerSecond: 0, operatorRateLimitBurst: 1 };

function setup(limits: CallerThrottleLimits = UNLIMITED, store: InMemoryStore = new InMemoryStore()) {
  const clock = { ms: 0 };
  const authenticator = new Authenticator({ operatorToken: TOKEN, store, users: { findUser: async () => null } });
  const verify = jest.spyOn(authenticator, 'operatorIfPresented');
  const throttle = new CallerThrottle(limits, () => clock.ms);
  const guard = new AuthenticationGuard(authenticator, throttle);
  /** One HTTP request; `fields` root fields each run the guard on the same context. */
  const request = (socket: object, authorization: string | undefined) => {
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => void (headers[name] = value) };
    const ctx = { req: { headers: { authorization }, raw: { socket } }, reply } as unknown as KeygateContext;
    const context = { getType: () => 'graphql', getArgByIndex: (i: number) => (i === 2 ? ctx : undefined) } as unknown as ExecutionContext;
    return { field: () => guard.canActivate(context), ctx, headers };
  };
  const call = (socket: object, authorization: string | undefined) => {
    const r = request(socket, authorization);
    return { result: r.field(), ctx: r.ctx };
  };
  return { verify, call, request, clock, throttle };
}

/** A store with two accounts, each with its root access key. */
async function twoAccounts() {
  const store = new InMemoryStore();
  const keys = { a: generateAccessKey(), b: generateAccessKey() };
  for (const [accountId, key] of [['111111111111', keys.a], ['222222222222', keys.b]] as const) {
    await store.change({ accountId, actorArn: 'operator', action: 'test', resource: '*' }, async (repos) => {
      await repos.accounts.create(accountId, `acct-${accountId}`);
      await repos.accessKeys.create({ accountId, accessKeyId: key.accessKeyId, secretHash: key.secretHash, owner: { kind: 'root' } });
    });
  }
  const bearer = (key: typeof keys.a) => `Bearer ${key.accessKeyId}:${key.secretAccessKey}`;
  return { store, a: bearer(keys.a), b: bearer(keys.b) };
}

/** What one root field's guard call ends with (a synchronous throw included). */
async function outcome(field: () => boolean | Promise<boolean>): Promise<true | DomainError> {
  try {
    return (await field()) as true;
  } catch (error) {
    return error as DomainError;
  }
}

describe('AuthenticationGuard', () => {
  it('verifies the operator token once per connection and header, synchronously', () => {
    const { verify, call } = setup();
    const socket = {};
    for (let i = 0; i < 3; i++) {
      const { result, ctx } = call(socket, `Bearer ${TOKEN}`);
      expect(result).toBe(true);
      expect(ctx.caller).toEqual({ kind: 'operator' });
    }
    expect(verify).toHaveBeenCalledTimes(1);
    call({}, `Bearer ${TOKEN}`);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('checks any other header in full, even on a connection that presented the operator token', async () => {
    const { verify, call } = setup();
    const socket = {};
    call(socket, `Bearer ${TOKEN}`);
    const wrong = call(socket, `Bearer ${TOKEN.slice(0, -1)}x`);
    expect(verify).toHaveBeenCalledTimes(2);
    await expect(wrong.result).rejects.toMatchObject({ message: expect.stringContaining('invalid') });
    expect(wrong.ctx.caller).toBeUndefined();
    await expect(call(socket, undefined).result).rejects.toBeDefined();
  });
});

describe('AuthenticationGuard rate limits', () => {
  const LIMITED: CallerThrottleLimits = { rateLimitPerSecond: 1, rateLimitBurst: 2, operatorRateLimitPerSecond: 0, operatorRateLimitBurst: 1 };

  it('leaves the operator unlimited by default, on the synchronous path', () => {
    const { call, throttle } = setup(LIMITED);
    expect(throttle.operator).toBeUndefined();
    const socket = {};
    for (let i = 0; i < 1000; i++) expect(call(socket, `Bearer ${TOKEN}`).result).toBe(true);
  });

  it('throttles a principal after its burst with THROTTLED, retryAfterSeconds and Retry-After; others are unaffected', async () => {
    const { store, a, b } = await twoAccounts();
    const { request, clock } = setup(LIMITED, store);
    expect(await outcome(request({}, a).field)).toBe(true);
    expect(await outcome(request({}, a).field)).toBe(true);
    const over = request({}, a);
    const error = await outcome(over.field);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'THROTTLED', details: { retryAfterSeconds: 1 } });
    expect((error as DomainError).message).toMatch(/retry after 1 second\./);
    expect(over.headers).toEqual({ 'retry-after': '1' });
    expect(over.ctx.caller).toBeUndefined();
    // Another account's principal has its own bucket.
    expect(await outcome(request({}, b).field)).toBe(true);
    expect(await outcome(request({}, b).field)).toBe(true);
    // One token back after a second.
    clock.ms += 1000;
    expect(await outcome(request({}, a).field)).toBe(true);
    expect(await outcome(request({}, a).field)).toMatchObject({ code: 'THROTTLED' });
  });

  it('still answers UNAUTHENTICATED (not THROTTLED) for a bad credential and charges nobody', async () => {
    const { store, a } = await twoAccounts();
    const { request } = setup({ ...LIMITED, rateLimitBurst: 1 }, store);
    for (let i = 0; i < 5; i++) expect(await outcome(request({}, `${a}x`).field)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await outcome(request({}, a).field)).toBe(true);
  });

  it('charges a request once, however many root fields it has', async () => {
    const { store, a } = await twoAccounts();
    const { request } = setup({ ...LIMITED, operatorRateLimitPerSecond: 1, operatorRateLimitBurst: 2 }, store);
    for (const credential of [a, `Bearer ${TOKEN}`]) {
      const first = request({}, credential);
      for (let i = 0; i < 3; i++) expect(await outcome(first.field)).toBe(true);
      expect(await outcome(request({}, credential).field)).toBe(true);
      const third = request({}, credential);
      const errors = [await outcome(third.field), await outcome(third.field)];
      expect(errors[0]).toMatchObject({ code: 'THROTTLED' });
      expect(errors[1]).toBe(errors[0]);
    }
  });

  it('throttles a limited operator synchronously, without a Promise', () => {
    const { request, clock } = setup({ ...UNLIMITED, operatorRateLimitPerSecond: 10, operatorRateLimitBurst: 1 });
    const socket = {};
    expect(request(socket, `Bearer ${TOKEN}`).field()).toBe(true);
    const over = request(socket, `Bearer ${TOKEN}`);
    expect(() => over.field()).toThrow(expect.objectContaining({ code: 'THROTTLED', details: { retryAfterSeconds: 1 } }));
    expect(over.headers).toEqual({ 'retry-after': '1' });
    clock.ms += 100;
    expect(request(socket, `Bearer ${TOKEN}`).field()).toBe(true);
  });
});
