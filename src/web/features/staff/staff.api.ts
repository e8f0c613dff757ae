import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Role } from '../../../shared/roles';
import type { StaffDirectoryDto } from '../../../shared/staff';
import { api } from '../../api/client';
import { fetchInterventionTypes, interventionKeys } from '../interventions/interventions.api';

export type StaffMember = z.infer<typeof StaffDirectoryDto>['staff'][number];

/** A department as case staff can choose it (consent scope, team, intervention). */
export interface DepartmentOption {
  id: string;
  name: string;
}

export const staffKeys = {
  staff: (role: Role | undefined) => ['staff', role ?? 'all'] as const,
};

export async function fetchStaff(role?: Role): Promise<StaffMember[]> {
  return (await api<z.infer<typeof StaffDirectoryDto>>('GET', '/api/v1/staff', { query: { role } })).staff;
}

/** Active staff, optionally with one role: who can be chosen as coordinator or team member. */
export function useStaff(role?: Role) {
  return useQuery({ queryKey: staffKeys.staff(role), queryFn: () => fetchStaff(role), staleTime: 60_000 });
}

/**
 * The municipality's departments as case staff know them: those with active staff. There is no
 * department list for non-administrators yet; the staff directory names every unit that has people.
 */
export function departmentsOfStaff(staff: readonly StaffMember[], extra: readonly DepartmentOption[] = []): DepartmentOption[] {
  const byId = new Map<string, string>();
  for (const s of staff) if (s.departmentId && s.departmentName) byId.set(s.departmentId, s.departmentName);
  for (const d of extra) byId.set(d.id, d.name);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

/**
 * Every department known to case staff: the units of the staff directory and of the intervention catalogue.
 * (A department list for case staff — GET /api/v1/departments — is requested from the server.)
 */
export function useCaseDepartments() {
  const staff = useStaff();
  const types = useQuery({ queryKey: interventionKeys.types, queryFn: fetchInterventionTypes, staleTime: 60_000 });
  const fromTypes = (types.data ?? []).map((x) => ({ id: x.departmentId, name: x.departmentName }));
  return {
    data: staff.data ? departmentsOfStaff(staff.data, fromTypes) : undefined,
    isPending: staff.isPending || types.isPending,
    isError: staff.isError,
    error: staff.error,
    refetch: () => Promise.all([staff.refetch(), types.refetch()]),
  };
}
