import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AddendumBody, FamilyNotesParams, NoteBody, NoteDto, NoteListDto, NoteParams, NoteSearchQuery, UpdateNoteBody } from '../../../shared/journal.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { addAddendum, changeNote, createNote, finaliseNote, getNote, listNotes } from './journal.service.js';

/** Journal notes under notatpligt: drafts, finalised (at the latest after 24 hours), addenda, restriction, search. */
export const journalRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['journal'];
  app.post(
    '/families/:id/notes',
    { schema: { tags, summary: 'Write a journal note (a draft until finalised)', params: FamilyNotesParams, body: NoteBody, response: { 201: NoteDto, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => createNote(ctx, req.params.id, req.body))),
  );
  app.get(
    '/families/:id/notes',
    {
      schema: {
        tags,
        summary: "Search the family's notes (text, type, person, goal), newest first, with addenda",
        params: FamilyNotesParams,
        querystring: NoteSearchQuery,
        response: { 200: NoteListDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => listNotes(ctx, req.params.id, req.query)),
  );
  app.get(
    '/notes/:noteId',
    { schema: { tags, summary: 'A journal note with its addenda', params: NoteParams, response: { 200: NoteDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getNote(ctx, req.params.noteId)),
  );
  app.patch(
    '/notes/:noteId',
    {
      schema: { tags, summary: 'Edit a draft note (its author, before it is finalised)', params: NoteParams, body: UpdateNoteBody, response: { 200: NoteDto, ...errorResponses } },
    },
    async (req, reply) => withUser(req, reply, (ctx) => changeNote(ctx, req.params.noteId, req.body)),
  );
  app.post(
    '/notes/:noteId/finalise',
    { schema: { tags, summary: 'Finalise a note (its author); it can then never change', params: NoteParams, response: { 200: NoteDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => finaliseNote(ctx, req.params.noteId)),
  );
  app.post(
    '/notes/:noteId/addenda',
    {
      schema: { tags, summary: 'Add an addendum to a finalised note', params: NoteParams, body: AddendumBody, response: { 201: NoteDto, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => addAddendum(ctx, req.params.noteId, req.body))),
  );
};
