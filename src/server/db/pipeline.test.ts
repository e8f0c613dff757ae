import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PipelinedClient } from './pipeline.js';

/**
 * A stand-in for a pooled connection: it records what is written and when the socket is corked, and answers each
 * statement from `answers` (a command tag, or an error) once the test lets it.
 */
function fakeClient(answers: Record<string, string | Error> = {}) {
  const log: string[] = [];
  let corks = 0;
  const stream = {
    cork: () => {
      corks += 1;
    },
    uncork: () => {
      corks -= 1;
    },
  };
  const client = {
    connection: { stream },
    query(text: string) {
      log.push(corks > 0 ? `${text} (corked)` : text);
      const answer = answers[text] ?? text.split(' ')[0]!.toUpperCase();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ command: answer, rows: [] });
    },
  };
  return { client: client as unknown as pg.PoolClient, log };
}

describe('PipelinedClient', () => {
  it('sends the deferred writes before the next statement, in the same corked write', async () => {
    const { client, log } = fakeClient();
    const pipeline = new PipelinedClient(client);
    pipeline.defer(() => pipeline.query('insert a') as Promise<unknown>);
    pipeline.defer(() => pipeline.query('insert b') as Promise<unknown>);
    expect(log).toEqual([]);
    await pipeline.query('select c');
    expect(log).toEqual(['insert a (corked)', 'insert b (corked)', 'select c (corked)']);
    // Nothing deferred: a statement goes out on its own.
    await pipeline.query('select d');
    expect(log.at(-1)).toBe('select d');
  });

  it('sends the deferred writes with COMMIT in one write', async () => {
    const { client, log } = fakeClient();
    const pipeline = new PipelinedClient(client);
    pipeline.defer(() => pipeline.query('insert a') as Promise<unknown>);
    await pipeline.commit();
    expect(log).toEqual(['insert a (corked)', 'commit (corked)']);
  });

  it('refuses a deferred write that sends no statement at once, or more than one', () => {
    const none = new PipelinedClient(fakeClient().client);
    none.defer(async () => undefined);
    expect(() => none.query('select 1')).toThrow(/exactly one statement/);

    const two = new PipelinedClient(fakeClient().client);
    two.defer(() => {
      void two.query('insert a');
      return two.query('insert b') as Promise<unknown>;
    });
    expect(() => two.query('select 1')).toThrow(/exactly one statement/);
  });

  it("throws a deferred write's failure at commit, not the COMMIT's answer", async () => {
    const refused = new Error('new row violates row-level security policy');
    const { client } = fakeClient({ 'insert a': refused, commit: 'ROLLBACK' });
    const pipeline = new PipelinedClient(client);
    pipeline.defer(() => pipeline.query('insert a') as Promise<unknown>);
    await expect(pipeline.commit()).rejects.toBe(refused);
    expect(await pipeline.firstError()).toEqual({ error: refused });
  });

  it('does not send COMMIT after an earlier failure, which a savepoint may have rolled back', async () => {
    const refused = new Error('refused');
    const { client, log } = fakeClient({ 'insert a': refused });
    const pipeline = new PipelinedClient(client);
    pipeline.defer(() => pipeline.query('insert a') as Promise<unknown>);
    await pipeline.query('rollback to savepoint s');
    await expect(pipeline.commit()).rejects.toBe(refused);
    expect(log).not.toContain('commit (corked)');
    expect(log).not.toContain('commit');
  });

  it('throws when PostgreSQL answers COMMIT with ROLLBACK', async () => {
    const { client } = fakeClient({ commit: 'ROLLBACK' });
    await expect(new PipelinedClient(client).commit()).rejects.toThrow(/rolled back by PostgreSQL \(ROLLBACK\)/);
  });

  it('drops the deferred writes on discard', async () => {
    const { client, log } = fakeClient();
    const pipeline = new PipelinedClient(client);
    pipeline.defer(() => pipeline.query('insert a') as Promise<unknown>);
    pipeline.discard();
    await pipeline.query('rollback');
    expect(log).toEqual(['rollback']);
  });
});
