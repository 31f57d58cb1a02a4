export const IDENTITY_METHODS = ['listIdentityBlocks', 'confirmIdentity'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];
