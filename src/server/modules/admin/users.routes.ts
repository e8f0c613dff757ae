import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateUserBody, IdParams, ResetPasswordBody, UpdateUserBody, UserDto } from '../../../shared/admin.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { changeUser, createUser, deactivateUser, getUsers, reactivateUser, resetMfa, resetPassword } from './users.service.js';

/** Staff users (administrators). Users are deactivated, never deleted. */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['admin'];
  const one = { params: IdParams, response: { 200: UserDto, ...errorResponses } };
  app.get(
    '/admin/users',
    { schema: { tags, summary: 'List staff users', response: { 200: z.object({ users: z.array(UserDto) }), ...errorResponses } } },
    async (req, reply) => ({ users: await withUser(req, reply, (ctx) => getUsers(ctx)) }),
  );
  app.post(
    '/admin/users',
    { schema: { tags, summary: 'Create a staff user with a first password', body: CreateUserBody, response: { 201: UserDto, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => createUser(ctx, req.body))),
  );
  app.patch(
    '/admin/users/:id',
    { schema: { tags, summary: 'Change name, roles, profession or department', body: UpdateUserBody, ...one } },
    async (req, reply) => withUser(req, reply, (ctx) => changeUser(ctx, req.params.id, req.body)),
  );
  app.post(
    '/admin/users/:id/deactivate',
    { schema: { tags, summary: 'Deactivate a user and end their sessions', ...one } },
    async (req, reply) => withUser(req, reply, (ctx) => deactivateUser(ctx, req.params.id)),
  );
  app.post(
    '/admin/users/:id/reactivate',
    { schema: { tags, summary: 'Reactivate a user', ...one } },
    async (req, reply) => withUser(req, reply, (ctx) => reactivateUser(ctx, req.params.id)),
  );
  app.post(
    '/admin/users/:id/reset-mfa',
    { schema: { tags, summary: 'Remove the second factor; the user enrols anew at next login', ...one } },
    async (req, reply) => withUser(req, reply, (ctx) => resetMfa(ctx, req.params.id)),
  );
  app.post(
    '/admin/users/:id/reset-password',
    { schema: { tags, summary: 'Set a temporary password and lift a lockout', body: ResetPasswordBody, ...one } },
    async (req, reply) => withUser(req, reply, (ctx) => resetPassword(ctx, req.params.id, req.body)),
  );
};
