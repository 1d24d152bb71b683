/**
 * What a client sees for invalid variables must not depend on how often the operation was sent.
 * With `jit: 1`, mercurius runs an operation through graphql-js on its 1st call, compiles it with
 * graphql-jit on the 2nd and runs the compiled query from then on. graphql-js and graphql-jit
 * coerce variables each their own way, with different messages (graphql-jit's name inner fields as
 * if they were variables); clients must get graphql-js' answer, a 400, on every call. Each case
 * sends one operation text, unique to the case so that its 1st call really is the first, several
 * times and pins every answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql, startTestApp, type GqlResponse, type TestApp } from '@keygate/testing/e2e';
import { AUTHORIZE, AUTHORIZE_BATCH } from './authorize-e2e.helpers';

/** Past the compile (2nd call) and the first runs of the compiled query. */
const CALLS = 4;
const ARN = 'arn:aws:iam::123456789012:user/alice';
const VALID = { principalArn: ARN, action: 'kms:Encrypt', resource: '*' };
const VALID_TEXT = '{ principalArn: "arn:aws:iam::123456789012:user/alice", action: "kms:Encrypt", resource: "*" }';

/** A variables error as graphql-js reports it: a 400 with one VALIDATION_ERROR at the variable. */
function variablesError(message: string, column: number): unknown {
  return { status: 400, data: null, errors: [{ message, locations: [{ line: 1, column }], extensions: { code: 'VALIDATION_ERROR' } }] };
}
/** 1-based columns (the documents are one line) of the variable definitions and of the batch field. */
const INPUT_AT = AUTHORIZE.indexOf('$input') + 1;
const INPUTS_AT = AUTHORIZE_BATCH.indexOf('$inputs') + 1;
const BATCH_FIELD_AT = AUTHORIZE_BATCH.indexOf('authorizeBatch(') + 1;

describe('variables answer the same on every call of an operation (graphql-js, then graphql-jit) (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  let caseNo = 0;
  /** Sends the same operation text CALLS times; the text (a trailing comment) is unique to the case. */
  async function repeat(document: string, variables: Record<string, unknown>): Promise<GqlResponse[]> {
    const source = `${document}\n# variables case ${++caseNo}`;
    const answers: GqlResponse[] = [];
    for (let i = 0; i < CALLS; i++) answers.push(await gql(app.url, app.operatorToken, source, variables));
    return answers;
  }

  const invalid: Array<[string, string, Record<string, unknown>, unknown]> = [
    [
      'authorize: a required field is missing',
      AUTHORIZE,
      { input: { action: 'kms:Encrypt', resource: '*' } },
      variablesError('Variable "$input" got invalid value { action: "kms:Encrypt", resource: "*" }; Field "principalArn" of required type "String!" was not provided.', INPUT_AT),
    ],
    [
      'authorize: a field of the wrong type',
      AUTHORIZE,
      { input: { ...VALID, principalArn: 42 } },
      variablesError('Variable "$input" got invalid value 42 at "input.principalArn"; String cannot represent a non string value: 42', INPUT_AT),
    ],
    [
      'authorize: a list item of the wrong type',
      AUTHORIZE,
      { input: { ...VALID, context: [{ key: 'k', values: [1] }] } },
      variablesError('Variable "$input" got invalid value 1 at "input.context[0].values[0]"; String cannot represent a non string value: 1', INPUT_AT),
    ],
    [
      'authorize: an unknown field',
      AUTHORIZE,
      { input: { ...VALID, bogus: 1 } },
      variablesError(`Variable "$input" got invalid value ${VALID_TEXT.slice(0, -2)}, bogus: 1 }; Field "bogus" is not defined by type "AuthorizeInput".`, INPUT_AT),
    ],
    ['authorize: null for the non-null variable', AUTHORIZE, { input: null }, variablesError('Variable "$input" of non-null type "AuthorizeInput!" must not be null.', INPUT_AT)],
    ['authorize: the variable is missing', AUTHORIZE, {}, variablesError('Variable "$input" of required type "AuthorizeInput!" was not provided.', INPUT_AT)],
    [
      'authorizeBatch: a string instead of a list',
      AUTHORIZE_BATCH,
      { inputs: 'x' },
      variablesError('Variable "$inputs" got invalid value "x"; Expected type "AuthorizeInput" to be an object.', INPUTS_AT),
    ],
    [
      'authorizeBatch: null in a non-null field of one element',
      AUTHORIZE_BATCH,
      { inputs: [VALID, { ...VALID, action: null }] },
      variablesError('Variable "$inputs" got invalid value null at "inputs[1].action"; Expected non-nullable type "String!" not to be null.', INPUTS_AT),
    ],
    [
      'authorizeBatch: a null element',
      AUTHORIZE_BATCH,
      { inputs: [VALID, null] },
      variablesError('Variable "$inputs" got invalid value null at "inputs[1]"; Expected non-nullable type "AuthorizeInput!" not to be null.', INPUTS_AT),
    ],
    [
      'authorizeBatch: 101 inputs (valid variables, refused by the use case)',
      AUTHORIZE_BATCH,
      { inputs: Array.from({ length: 101 }, () => VALID) },
      {
        status: 200,
        data: null,
        errors: [{ message: 'authorizeBatch accepts at most 100 requests, got 101.', locations: [{ line: 1, column: BATCH_FIELD_AT }], path: ['authorizeBatch'], extensions: { code: 'VALIDATION_ERROR' } }],
      },
    ],
  ];

  it.each(invalid)('%s', async (_name, document, variables, expected) => {
    const answers = await repeat(document, variables);
    const seen = answers.map((answer) => ({ status: answer.status, data: answer.data, errors: answer.errors }));
    expect(seen).toEqual(Array.from({ length: CALLS }, () => expected));
  });

  it('valid variables: a single input where a list is expected is a list of one, on every call', async () => {
    const answers = await repeat(AUTHORIZE_BATCH, { inputs: VALID });
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.authorizeBatch).toHaveLength(1);
      expect(answer.data.authorizeBatch[0].decision).toBe(answers[0].data.authorizeBatch[0].decision);
    }
  });

  // node_modules/mercurius is patched (patches/) to leave variable coercion to the compiled query and
  // ask graphql-js only when graphql-jit refused the variables. That is sound while graphql-jit accepts
  // nothing that graphql-js refuses; graphql-jit 0.8 does not enforce @oneOf input objects.
  it('the schema has no @oneOf input type (graphql-jit would not enforce it)', () => {
    const schema = readFileSync(join(__dirname, '../../apps/keygate/src/schema.gql'), 'utf8');
    expect(schema).toMatch(/^input AuthorizeInput /m);
    expect(schema).not.toMatch(/@oneOf/);
  });
});
