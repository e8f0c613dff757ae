import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CancelMeetingBody,
  DecisionBody,
  FamilyMeetingsDto,
  FamilyMeetingsParams,
  MeetingBody,
  MeetingDto,
  MeetingParams,
  MinutesBody,
  UpdateMeetingBody,
} from '../../../shared/meetings.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { recordDecision, recordMinutes } from './meeting-outcomes.service.js';
import { meetingsCalendarRoutes } from './meetings-calendar.routes.js';
import { cancelMeeting, changeMeeting, getFamilyMeetings, getMeeting, planNextMeeting, scheduleMeeting } from './meetings.service.js';

/** Network meetings: schedule, change, minutes, decisions that become tasks or plan actions, the next meeting. */
export const meetingsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(meetingsCalendarRoutes);
  const tags = ['meetings'];
  app.post(
    '/families/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a network meeting: time, place or link, agenda from the goals, participants',
        params: FamilyMeetingsParams,
        body: MeetingBody,
        response: { 201: MeetingDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => scheduleMeeting(ctx, req.params.id, req.body))),
  );
  app.get(
    '/families/:id/meetings',
    { schema: { tags, summary: "The family's meetings, latest first", params: FamilyMeetingsParams, response: { 200: FamilyMeetingsDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getFamilyMeetings(ctx, req.params.id)),
  );
  app.get(
    '/meetings/:meetingId',
    { schema: { tags, summary: 'A meeting with participants, minutes and decisions', params: MeetingParams, response: { 200: MeetingDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getMeeting(ctx, req.params.meetingId)),
  );
  app.patch(
    '/meetings/:meetingId',
    {
      schema: {
        tags,
        summary: 'Reschedule or re-plan a planned meeting (from the version seen; bumps the invitation SEQUENCE)',
        params: MeetingParams,
        body: UpdateMeetingBody,
        response: { 200: MeetingDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => changeMeeting(ctx, req.params.meetingId, req.body)),
  );
  app.post(
    '/meetings/:meetingId/minutes',
    {
      schema: { tags, summary: 'Record the minutes and who attended; the meeting is held', params: MeetingParams, body: MinutesBody, response: { 200: MeetingDto, ...errorResponses } },
    },
    async (req, reply) => withUser(req, reply, (ctx) => recordMinutes(ctx, req.params.meetingId, req.body)),
  );
  app.post(
    '/meetings/:meetingId/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision that becomes a task or an action under a goal of the plan',
        params: MeetingParams,
        body: DecisionBody,
        response: { 201: MeetingDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => recordDecision(ctx, req.params.meetingId, req.body))),
  );
  app.post(
    '/meetings/:meetingId/next',
    {
      schema: { tags, summary: 'Schedule the next meeting and link it to this one', params: MeetingParams, body: MeetingBody, response: { 201: MeetingDto, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => planNextMeeting(ctx, req.params.meetingId, req.body))),
  );
  app.post(
    '/meetings/:meetingId/cancel',
    { schema: { tags, summary: 'Cancel a planned meeting', params: MeetingParams, body: CancelMeetingBody, response: { 200: MeetingDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => cancelMeeting(ctx, req.params.meetingId, req.body)),
  );
};
