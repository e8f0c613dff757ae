import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AttentionDto,
  CreateTaskBody,
  FamilyTasksParams,
  MyTasksQuery,
  TaskDto,
  TaskListDto,
  TaskParams,
  TaskSettingsBody,
  TaskSettingsDto,
  UpdateTaskBody,
} from '../../../shared/tasks.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { getAttention } from './attention.service.js';
import { getTaskSettings, updateTaskSettings } from './task-settings.service.js';
import { changeTask, createTask, listFamilyTasks, listMyTasks } from './tasks.service.js';

/** Tasks (opgaver): "Mine opgaver", a family's open tasks, the header's attention count and the rating interval. */
export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tasks'];
  app.post(
    '/tasks',
    { schema: { tags, summary: 'Create a task for a colleague or oneself, optionally for a family, goal or meeting', body: CreateTaskBody, response: { 201: TaskDto, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => createTask(ctx, req.body))),
  );
  app.get(
    '/tasks/mine',
    { schema: { tags, summary: 'Mine opgaver: open tasks overdue first, then by due date (or closed ones, latest first)', querystring: MyTasksQuery, response: { 200: TaskListDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => listMyTasks(ctx, req.query.status)),
  );
  app.patch(
    '/tasks/:id',
    { schema: { tags, summary: 'Close, reopen, move, retitle or hand on a task (the assignee or the family’s coordinator)', params: TaskParams, body: UpdateTaskBody, response: { 200: TaskDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => changeTask(ctx, req.params.id, req.body)),
  );
  app.get(
    '/families/:id/tasks',
    { schema: { tags, summary: "A family's open tasks, for its overview", params: FamilyTasksParams, response: { 200: TaskListDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => listFamilyTasks(ctx, req.params.id)),
  );
  app.get(
    '/attention',
    { schema: { tags, summary: 'What needs attention, for the header: overdue and this week’s tasks, unreviewed break-the-glass, open referrals', response: { 200: AttentionDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getAttention(ctx)),
  );
  app.get(
    '/admin/task-settings',
    { schema: { tags, summary: 'How often goals are to be rated (months)', response: { 200: TaskSettingsDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getTaskSettings(ctx)),
  );
  app.put(
    '/admin/task-settings',
    { schema: { tags, summary: 'Change how often goals are to be rated', body: TaskSettingsBody, response: { 200: TaskSettingsDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => updateTaskSettings(ctx, req.body)),
  );
};
