/** DI token of the region KMS keys and aliases live in (KEYGATE_DEFAULT_REGION, DECISIONS 12); bound in app.module. */
export const KMS_REGION = Symbol('KMS_REGION');
