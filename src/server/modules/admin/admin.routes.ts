import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateDepartmentBody,
  DepartmentDto,
  IdParams,
  SettingsDto,
  UpdateDepartmentBody,
  UpdateSettingsBody,
} from '../../../shared/admin.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { createDepartment, getDepartments, updateDepartment } from './departments.service.js';
import { getSettings, updateSettings } from './settings.service.js';

/** Departments and municipality settings (administrators). */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['admin'];
  app.get(
    '/admin/departments',
    { schema: { tags, summary: 'List departments', response: { 200: z.object({ departments: z.array(DepartmentDto) }), ...errorResponses } } },
    async (req, reply) => ({ departments: await withUser(req, reply, (ctx) => getDepartments(ctx)) }),
  );
  app.post(
    '/admin/departments',
    { schema: { tags, summary: 'Create a department', body: CreateDepartmentBody, response: { 201: DepartmentDto, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => createDepartment(ctx, req.body))),
  );
  app.patch(
    '/admin/departments/:id',
    { schema: { tags, summary: 'Rename, deactivate or reactivate a department', params: IdParams, body: UpdateDepartmentBody, response: { 200: DepartmentDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => updateDepartment(ctx, req.params.id, req.body)),
  );
  app.get(
    '/admin/settings',
    { schema: { tags, summary: 'Municipality settings', response: { 200: SettingsDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getSettings(ctx)),
  );
  app.put(
    '/admin/settings',
    { schema: { tags, summary: 'Change municipality settings', body: UpdateSettingsBody, response: { 200: SettingsDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => updateSettings(ctx, req.body)),
  );
};
