import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client.js';
import { migrateDatabase } from '../../src/server/db/migrate.js';
import { missingTool } from './env.js';
import { PG_BIN, postgresAvailable, startPostgres } from './postgres-server.js';

export const TEMPLATE_DB = 'helhed_template';

/** Starts PostgreSQL 15 and migrates a template database; each test file clones it. */
export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', '');
  if (!postgresAvailable()) {
    project.provide('dbSkipReason', missingTool(`PostgreSQL 15 findes ikke i ${PG_BIN} / PostgreSQL 15 binaries not found`));
    project.provide('postgresAdminUrl', '');
    return;
  }
  const server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.adminUrl() });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: server.adminUrl(TEMPLATE_DB), poolSize: 2 });
  await migrateDatabase(database);
  await database.close();
  project.provide('postgresAdminUrl', server.adminUrl());
  project.provide('dbSkipReason', '');
  return () => server.stop();
}
