import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { RateLimiter } from '../auth/rate-limit.js';

/** What route handlers need from the process: the database, the configuration, shared limiters. */
export interface AppDeps {
  database: Database;
  config: Config;
  loginLimiter: RateLimiter;
  /** Set when SIGTERM arrived: new requests get 503 while in-flight ones finish. */
  draining: { value: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
