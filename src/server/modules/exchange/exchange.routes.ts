import { randomUUID } from 'node:crypto';
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportQuery, ImportJobAcceptedDto, ImportJobDto, ImportJobParams } from '../../../shared/exchange/import-jobs.js';
import { errorMessage } from '../../errors.js';
import { requestLang, withUser } from '../../http/request.js';
import { ErrorDto, errorResponses } from '../../http/schemas.js';
import { downloadExport } from './export-download.service.js';
import { ImportRunner, getImportJob, requestImport } from './import-jobs.service.js';

/**
 * helhed-exchange over HTTP (decision 0014): an administrator posts a file and follows its import job; the
 * export downloads in clear (administrators) or pseudonymised (administrators and analysts). The import answers
 * 202 with a job id at once and runs in this process; every problem of a refused file is on the job's status.
 */
export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['exchange'];
  const { database, config } = app.deps;
  const runner = new ImportRunner(database, app.log);
  app.addHook('onClose', async () => runner.drain());

  // Only this module's routes: a file over the exchange limit is a 413 that says the limit; the rest as everywhere.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw err;
    const lang = requestLang(req);
    const mb = Math.floor(config.exchangeBodyLimitBytes / (1024 * 1024));
    const limit = mb >= 1 ? `${mb} MB` : `${config.exchangeBodyLimitBytes} bytes`;
    return reply.code(413).send({
      error: {
        code: 'exchange_file_too_large',
        message: errorMessage('exchange_file_too_large', lang),
        problems: [{ path: '', message: lang === 'da' ? `Filen må højst fylde ${limit}.` : `The file may be at most ${limit}.` }],
      },
    });
  });

  app.post(
    '/exchange/import',
    {
      bodyLimit: config.exchangeBodyLimitBytes,
      schema: {
        tags,
        summary: 'Import a helhed-exchange v1 file (administrators); answers 202 with the job to follow',
        body: z.record(z.string(), z.unknown()).describe('A helhed-exchange v1 document (shared/exchange/helhed-exchange.schema.json)'),
        response: { 202: ImportJobAcceptedDto, 413: ErrorDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const jobId = randomUUID();
      runner.reserve(jobId, 0);
      const length = Number(req.headers['content-length']);
      let accepted;
      try {
        accepted = await withUser(req, reply, (ctx) =>
          requestImport(ctx, jobId, req.body, { fileBytes: Number.isFinite(length) ? length : null, instanceId: runner.instanceId }),
        );
      } catch (e) {
        runner.release(jobId);
        throw e;
      }
      runner.launch(accepted);
      return reply.code(202).header('location', `/api/v1/exchange/import/${jobId}`).send({ jobId, status: 'queued' as const });
    },
  );

  app.get(
    '/exchange/import/:jobId',
    {
      schema: {
        tags,
        summary: "An import job's status: progress, counts per kind, or every problem with its JSON pointer (administrators)",
        params: ImportJobParams,
        response: { 200: ImportJobDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const job = await withUser(req, reply, (ctx) => getImportJob(runner, ctx, req.params.jobId));
      return reply.header('cache-control', 'no-store').send(job);
    },
  );

  app.get(
    '/exchange/export',
    {
      schema: {
        tags,
        summary: 'The municipality’s families as a helhed-exchange v1 file: in clear (administrators) or pseudonymised (administrators and analysts)',
        querystring: ExportQuery,
        produces: ['application/json'],
        response: { 200: z.unknown().describe('A helhed-exchange v1 document, as an attachment'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const file = await withUser(req, reply, (ctx) => downloadExport(ctx, req.query));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
