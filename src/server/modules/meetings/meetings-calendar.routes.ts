import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MeetingParams, MyMeetingsDto, MyMeetingsQuery } from '../../../shared/meetings.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { getMyMeetings, meetingInvitation } from './meetings-calendar.service.js';

/** Meetings in the calendar: "Mine møder" and each meeting's iCalendar invitation. */
export const meetingsCalendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['meetings'];
  app.get(
    '/meetings/mine',
    {
      schema: {
        tags,
        summary: 'Mine møder: upcoming meetings where I take part as staff or coordinate the family',
        querystring: MyMeetingsQuery,
        response: { 200: MyMeetingsDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => getMyMeetings(ctx, req.query)),
  );
  app.get(
    '/meetings/:meetingId/invitation.ics',
    {
      schema: {
        tags,
        summary: 'The meeting as an iCalendar invitation (text/calendar; METHOD:CANCEL once cancelled)',
        params: MeetingParams,
        // The language the user reads the app in (the link says it); without it, the browser's Accept-Language.
        querystring: z.strictObject({ lang: z.enum(['da', 'en']).optional() }),
        produces: ['text/calendar'],
        // A string with a text/calendar content type is sent as it is, never through the JSON serializer.
        response: { 200: z.string().describe('An iCalendar (RFC 5545) document'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { filename, ics, method } = await withUser(req, reply, (ctx) => meetingInvitation({ ...ctx, lang: req.query.lang ?? ctx.lang }, req.params.meetingId));
      return reply
        .type(`text/calendar; charset=utf-8; method=${method}`)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(ics);
    },
  );
};
