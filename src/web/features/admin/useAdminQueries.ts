import { useQuery } from '@tanstack/react-query';
import { adminKeys, fetchDepartments, fetchSettings, fetchUsers } from './admin.api';

export function useUsers() {
  return useQuery({ queryKey: adminKeys.users, queryFn: fetchUsers });
}

export function useDepartments() {
  return useQuery({ queryKey: adminKeys.departments, queryFn: fetchDepartments });
}

export function useSettings() {
  return useQuery({ queryKey: adminKeys.settings, queryFn: fetchSettings });
}
