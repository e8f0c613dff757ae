import type { Lang } from '../shared/i18n.js';
import type { Role } from '../shared/roles.js';
import type { Tx } from './db/client.js';

/** Who is acting: a logged-in staff user. */
export interface Actor {
  userId: string;
  name: string;
  roles: Role[];
  departmentId: string | null;
}

/** What every service function receives first: the transaction, the tenant, the actor and the request. */
export interface Ctx {
  tx: Tx;
  municipalityId: string;
  /** Null before login (login attempts, setup) and for system jobs. */
  actor: Actor | null;
  requestId: string;
  lang: Lang;
  /** The request's clock, so a request sees one "now". */
  now: Date;
}
