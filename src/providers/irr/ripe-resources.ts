import type { RouteObject } from '../../model/objects.js';
import { routeAttributes, routeFromAttributes, type RpslAttribute } from './rpsl.js';

/**
 * The RIPE Database REST API's `whois-resources` JSON document:
 * objects as attribute lists, and error messages whose `%s` placeholders are filled
 * from `args`.
 */
export interface WhoisResources {
  objects?: { object?: WhoisObject[] };
  errormessages?: { errormessage?: ErrorMessage[] };
}

export interface WhoisObject {
  type?: string;
  source?: { id?: string };
  attributes?: { attribute?: Array<{ name?: string; value?: string }> };
}

export interface ErrorMessage {
  severity?: string;
  text?: string;
  args?: Array<{ value?: string }>;
  attribute?: { name?: string; value?: string };
}

/** The request body for a create or a whole-object update. */
export function routeDocument(route: RouteObject, source: string): string {
  const attribute = routeAttributes(route, source).map(({ name, value }) => ({ name, value }));
  const document: WhoisResources = { objects: { object: [{ source: { id: source }, attributes: { attribute } }] } };
  return JSON.stringify(document);
}

/** Parses a response body; anything that is not a whois-resources document gives undefined. */
export function parseResources(text: string): WhoisResources | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The route objects in a document (other object types are skipped). */
export function routesIn(document: WhoisResources, provider: string): RouteObject[] {
  return (document.objects?.object ?? []).flatMap((o) => {
    const route = routeFromAttributes(attributesOf(o), provider);
    return route ? [route] : [];
  });
}

/**
 * The document's errors as the user should read them: each `text` with its `%s` filled in
 * order from `args`. Errors only, unless the document holds nothing worse than a warning.
 */
export function errorText(document: WhoisResources | undefined): string | undefined {
  const messages = document?.errormessages?.errormessage ?? [];
  const errors = messages.filter(isError);
  const shown = errors.length ? errors : messages;
  return shown.length ? shown.map(fillMessage).join('\n') : undefined;
}

/** Whether the document carries an Error (not just a Warning or an Info such as the dry-run notice). */
export function hasError(document: WhoisResources): boolean {
  return (document.errormessages?.errormessage ?? []).some(isError);
}

function isError(message: ErrorMessage): boolean {
  return (message.severity ?? 'Error') === 'Error';
}

/** Whether the document reports a failed maintainer authorisation (RIPE answers it with 401). */
export function isAuthorisationFailure(document: WhoisResources | undefined): boolean {
  return (document?.errormessages?.errormessage ?? []).some((m) => /^Authorisation for /.test(m.text ?? ''));
}

export function fillMessage(message: ErrorMessage): string {
  const args = (message.args ?? []).map((a) => a.value ?? '');
  let next = 0;
  const text = (message.text ?? '').replace(/%s/g, () => (next < args.length ? args[next++] : '%s'));
  const attribute = message.attribute?.name ? ` (${message.attribute.name}: ${message.attribute.value ?? ''})` : '';
  return `${text}${attribute}`;
}

function attributesOf(o: WhoisObject): RpslAttribute[] {
  return (o.attributes?.attribute ?? []).filter((a) => a.name).map((a) => ({ name: a.name!.toLowerCase(), value: (a.value ?? '').trim() }));
}
