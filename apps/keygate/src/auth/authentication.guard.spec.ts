import { Authenticator } from '@keygate/core/auth';
import type { ExecutionContext } from '@nestjs/common';
import { AuthenticationGuard } from './authentication.guard';
import type { KeygateContext } from './keygate-context';

const TOKEN = 'kgop_guard_spec_operator_token_0123456789';

function setup() {
  const authenticator = new Authenticator({ operatorToken: TOKEN, store: {} as never, users: { findUser: async () => null } });
  const verify = jest.spyOn(authenticator, 'operatorIfPresented');
  const guard = new AuthenticationGuard(authenticator);
  const call = (socket: object, authorization: string | undefined) => {
    const ctx = { req: { headers: { authorization }, raw: { socket } } } as unknown as KeygateContext;
    const context = { getType: () => 'graphql', getArgByIndex: (i: number) => (i === 2 ? ctx : undefined) } as unknown as ExecutionContext;
    return { result: guard.canActivate(context), ctx };
  };
  return { verify, call };
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
