import type { DepartmentDto, SettingsDto, UpdateSettingsBody, UserDto } from '../../../shared/admin';
import type { Role } from '../../../shared/roles';
import { api } from '../../api/client';

export const adminKeys = {
  users: ['admin', 'users'] as const,
  departments: ['admin', 'departments'] as const,
  settings: ['admin', 'settings'] as const,
};

export interface CreateUserInput {
  email: string;
  name: string;
  roles: Role[];
  profession?: string;
  departmentId?: string | null;
  initialPassword: string;
}

export interface UpdateUserInput {
  name?: string;
  roles?: Role[];
  profession?: string | null;
  departmentId?: string | null;
}

export async function fetchUsers(): Promise<UserDto[]> {
  return (await api<{ users: UserDto[] }>('GET', '/api/v1/admin/users')).users;
}

export function createUser(body: CreateUserInput): Promise<UserDto> {
  return api('POST', '/api/v1/admin/users', { body });
}

export function updateUser(id: string, body: UpdateUserInput): Promise<UserDto> {
  return api('PATCH', `/api/v1/admin/users/${encodeURIComponent(id)}`, { body });
}

export type UserAction = 'deactivate' | 'reactivate' | 'reset-mfa';

export function userAction(id: string, action: UserAction): Promise<UserDto> {
  return api('POST', `/api/v1/admin/users/${encodeURIComponent(id)}/${action}`);
}

export function resetPassword(id: string, newPassword: string): Promise<UserDto> {
  return api('POST', `/api/v1/admin/users/${encodeURIComponent(id)}/reset-password`, { body: { newPassword } });
}

export async function fetchDepartments(): Promise<DepartmentDto[]> {
  return (await api<{ departments: DepartmentDto[] }>('GET', '/api/v1/admin/departments')).departments;
}

export function createDepartment(body: { code: string; name: string }): Promise<DepartmentDto> {
  return api('POST', '/api/v1/admin/departments', { body });
}

export function updateDepartment(id: string, body: { name?: string; active?: boolean }): Promise<DepartmentDto> {
  return api('PATCH', `/api/v1/admin/departments/${encodeURIComponent(id)}`, { body });
}

export function fetchSettings(): Promise<SettingsDto> {
  return api('GET', '/api/v1/admin/settings');
}

export function saveSettings(body: UpdateSettingsBody): Promise<SettingsDto> {
  return api('PUT', '/api/v1/admin/settings', { body });
}
