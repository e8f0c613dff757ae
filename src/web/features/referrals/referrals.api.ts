import type { z } from 'zod';
import type {
  AcceptReferralBody,
  CreateReferralBody,
  EarlySignDto,
  EffortLookupDto,
  MyReferralDto,
  ReferralDecisionDto,
  ReferralDto,
  ReferralStatus,
  UpsertEarlySignBody,
} from '../../../shared/referrals';
import { api } from '../../api/client';

export type Referral = ReferralDto;
export type MyReferral = MyReferralDto;
export type EarlySign = EarlySignDto;
export type EffortLookup = z.infer<typeof EffortLookupDto>;
export type ReferralDecision = z.infer<typeof ReferralDecisionDto>;

export const referralKeys = {
  queue: (status: ReferralStatus) => ['referrals', 'queue', status] as const,
  queueAll: ['referrals', 'queue'] as const,
  mine: ['referrals', 'mine'] as const,
  signs: ['early-signs'] as const,
  adminSigns: ['admin', 'early-signs'] as const,
};

export async function fetchEarlySigns(): Promise<EarlySign[]> {
  return (await api<{ signs: EarlySign[] }>('GET', '/api/v1/referrals/early-signs')).signs;
}

export async function fetchAllEarlySigns(): Promise<EarlySign[]> {
  return (await api<{ signs: EarlySign[] }>('GET', '/api/v1/admin/early-signs')).signs;
}

export function putEarlySign(code: string, body: z.input<typeof UpsertEarlySignBody>): Promise<EarlySign> {
  return api('PUT', `/api/v1/admin/early-signs/${encodeURIComponent(code)}`, { body });
}

export function createReferral(body: z.input<typeof CreateReferralBody>): Promise<{ id: string }> {
  return api('POST', '/api/v1/referrals', { body });
}

/** Is the person already in an effort? The CPR travels in the body, never in the address. */
export function lookupEffort(cpr: string): Promise<EffortLookup> {
  return api('POST', '/api/v1/referrals/lookup', { body: { cpr } });
}

export async function fetchQueue(status: ReferralStatus): Promise<Referral[]> {
  return (await api<{ referrals: Referral[] }>('GET', '/api/v1/referrals', { query: { status } })).referrals;
}

export async function fetchMyReferrals(): Promise<MyReferral[]> {
  return (await api<{ referrals: MyReferral[] }>('GET', '/api/v1/referrals/mine')).referrals;
}

export function acceptReferral(id: string, body: z.input<typeof AcceptReferralBody>): Promise<ReferralDecision> {
  return api('POST', `/api/v1/referrals/${encodeURIComponent(id)}/accept`, { body });
}

export function decideReferral(id: string, outcome: 'decline' | 'forward', reason: string): Promise<ReferralDecision> {
  return api('POST', `/api/v1/referrals/${encodeURIComponent(id)}/${outcome}`, { body: { reason } });
}
