import type { Principal } from './roles';

/**
 * Who stands behind a forwarded request, for the services' audit of patient data (referral-service
 * records X-Actor with every disclosure of identifiers): the account (or `patient:<booking>`) the
 * access guard admitted, and the gateway as the calling service. Only the edge sets these; what a
 * client sends under those names never travels upstream (forward passes named headers only).
 */
export function actorHeaders(principal: Principal | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'x-caller': 'gateway' };
  if (principal && /^[A-Za-z0-9][A-Za-z0-9._:@-]{1,99}$/.test(principal.subject))
    headers['x-actor'] = principal.subject;
  return headers;
}
