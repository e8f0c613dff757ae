import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../context.js';
import { canExportExchange, canImportExchange } from './exchange.policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'u', name: 'U', roles, departmentId: null });

describe('who may import and export helhed-exchange files (decision 0014)', () => {
  const table: [Role[], { import: boolean; clear: boolean; pseudonymised: boolean }][] = [
    [['admin'], { import: true, clear: true, pseudonymised: true }],
    [['analyst'], { import: false, clear: false, pseudonymised: true }],
    [['manager'], { import: false, clear: false, pseudonymised: false }],
    [['coordinator'], { import: false, clear: false, pseudonymised: false }],
    [['professional'], { import: false, clear: false, pseudonymised: false }],
    [['manager', 'analyst'], { import: false, clear: false, pseudonymised: true }],
    [['coordinator', 'admin'], { import: true, clear: true, pseudonymised: true }],
    [[], { import: false, clear: false, pseudonymised: false }],
  ];
  it.each(table)('roles %j', (roles, want) => {
    const a = actor(roles);
    expect({ import: canImportExchange(a), clear: canExportExchange(a, false), pseudonymised: canExportExchange(a, true) }).toEqual(want);
  });
});
