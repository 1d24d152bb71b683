import { principalFactsFromArn } from '../catalog/principal-facts';
import { compilePrincipal, matchPrincipal } from './principal-matcher';

const m = (aws: string[] | '*', arn: string, service?: string[]) =>
  matchPrincipal(
    compilePrincipal({ wildcard: aws === '*', entries: aws === '*' ? [] : [{ key: 'AWS', values: aws, path: '', array: true }, ...(service ? [{ key: 'Service', values: service, path: '', array: true }] : [])], path: '' }),
    principalFactsFromArn(arn),
  );

describe('principal matching', () => {
  const user = 'arn:aws:iam::111122223333:user/alice';
  const session = 'arn:aws:sts::111122223333:assumed-role/App/s1';
  it('matches "*" as a wildcard', () => expect(m('*', user)).toBe('wildcard'));
  it('matches the account by id or root ARN as an account delegation', () => {
    expect(m(['111122223333'], user)).toBe('account');
    expect(m(['arn:aws:iam::111122223333:root'], session)).toBe('account');
    expect(m(['arn:aws:iam::444455556666:root'], user)).toBe('none');
  });
  it('matches users exactly, case-sensitively', () => {
    expect(m([user], user)).toBe('direct');
    expect(m(['arn:aws:iam::111122223333:user/Alice'], user)).toBe('none');
  });
  it('matches every session of a role, and one exact session', () => {
    expect(m(['arn:aws:iam::111122223333:role/App'], session)).toBe('role');
    expect(m(['arn:aws:iam::111122223333:role/Other'], session)).toBe('none');
    expect(m([session], session)).toBe('direct');
    expect(m(['arn:aws:sts::111122223333:assumed-role/App/s2'], session)).toBe('none');
  });
  it('matches unique ids of users and roles', () => {
    const facts = { ...principalFactsFromArn(user), userId: 'AIDAEXAMPLE' };
    const matcher = compilePrincipal({ wildcard: false, entries: [{ key: 'AWS', values: ['AIDAEXAMPLE', 'AROAEXAMPLE'], path: '', array: true }], path: '' });
    expect(matchPrincipal(matcher, facts)).toBe('direct');
    expect(matchPrincipal(matcher, { ...principalFactsFromArn(session), userId: 'AROAEXAMPLE:s1' })).toBe('role');
  });
  it('matches federated users and service principals', () => {
    expect(m(['arn:aws:sts::111122223333:federated-user/bob'], 'arn:aws:sts::111122223333:federated-user/bob')).toBe('direct');
    expect(m([], 'logs.us-east-1.amazonaws.com', ['logs.us-east-1.amazonaws.com'])).toBe('direct');
    expect(m(['111122223333'], 'logs.us-east-1.amazonaws.com')).toBe('none');
  });
  it('matches the same way when an element names many principals (set form)', () => {
    const many = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::111122223333:user/u${i}`);
    expect(m(many, 'arn:aws:iam::111122223333:user/u33')).toBe('direct');
    expect(m(many, user)).toBe('none');
    expect(m([...many, 'arn:aws:iam::111122223333:role/App'], session)).toBe('role');
    expect(m([...many, ...Array.from({ length: 20 }, (_, i) => `1111222233${String(i).padStart(2, '0')}`)], 'arn:aws:iam::111122223319:user/x')).toBe('account');
  });
});
