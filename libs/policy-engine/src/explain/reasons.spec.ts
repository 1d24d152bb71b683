import { explicitDenyReason, firstDenySource, implicitDenyReason } from './reasons';

const U = 'arn:aws:iam::111122223333:user/alice';
const K = 'arn:aws:kms:us-east-1:111122223333:key/k1';

describe('reason sentences', () => {
  it('uses the AWS implicit-deny forms', () => {
    expect(implicitDenyReason(U, 'kms:Encrypt', K, 'identity')).toBe(`User: ${U} is not authorized to perform: kms:Encrypt on resource: ${K} because no identity-based policy allows the kms:Encrypt action`);
    expect(implicitDenyReason(U, 'kms:Encrypt', K, 'resource')).toContain('because no resource-based policy allows the kms:Encrypt action');
    expect(implicitDenyReason(U, 'kms:Encrypt', K, 'boundary')).toContain('because no permissions boundary allows the kms:Encrypt action');
  });
  it('uses the AWS explicit-deny forms', () => {
    expect(explicitDenyReason(U, 'kms:Encrypt', K, 'identity')).toBe(`User: ${U} is not authorized to perform: kms:Encrypt on resource: ${K} with an explicit deny in an identity-based policy`);
    expect(explicitDenyReason(U, 'kms:Encrypt', K, 'resource')).toContain('with an explicit deny in a resource-based policy');
    expect(explicitDenyReason(U, 'kms:Encrypt', K, 'boundary')).toContain('with an explicit deny in a permissions boundary');
  });
  it('omits "on resource" for resource "*"', () => {
    expect(implicitDenyReason(U, 'kms:ListKeys', '*', 'identity')).toBe(`User: ${U} is not authorized to perform: kms:ListKeys because no identity-based policy allows the kms:ListKeys action`);
  });
  it('names resource, then identity, then boundary denies', () => {
    expect(firstDenySource(true, true)).toBe('resource');
    expect(firstDenySource(false, true)).toBe('identity');
    expect(firstDenySource(false, false)).toBe('boundary');
  });
});
