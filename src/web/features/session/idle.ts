/**
 * The server touches a session's last-seen time at most every 30 seconds, so its idle clock may have
 * started up to this long before our last request.
 */
export const SERVER_TOUCH_SLACK_MS = 30_000;

/** How long before the idle logout the warning appears: two minutes, or a quarter of a short timeout. */
export function warningLeadMs(idleTimeoutSeconds: number): number {
  return Math.min(120_000, (idleTimeoutSeconds * 1000) / 4);
}

/** Milliseconds until the server would end the session for inactivity, erring on the early side. */
export function msUntilIdleLogout(lastActivity: number, idleTimeoutSeconds: number, now: number): number {
  return lastActivity + idleTimeoutSeconds * 1000 - SERVER_TOUCH_SLACK_MS - now;
}
