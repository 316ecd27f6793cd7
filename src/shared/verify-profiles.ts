/** The token profiles verify checks a token against (see main/core/verify/profile-checks.ts). */
export const VERIFY_PROFILES = ['access', 'id', 'logout', 'dpop', 'auto'] as const
export type VerifyProfile = (typeof VERIFY_PROFILES)[number]
