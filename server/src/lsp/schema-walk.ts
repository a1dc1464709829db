/** Walks the JSON Schemas along a path: what a key means, which keys and values fit there. */
import type { PathSegment } from '../core/document';
import { schemaFor, type DocumentKind } from '../core/schema';

type Schema = Record<string, any>;

function resolveRef(root: Schema, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && current.$ref.startsWith('#/') && hops < 20; hops++) {
    const target = current.$ref
      .slice(2)
      .split('/')
      .reduce((node: any, part: string) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    if (!target) break;
    // Keep the referring schema's own words (its description) over the target's.
    const { $ref: _ignored, ...own } = current;
    current = { ...target, ...own };
  }
  return current;
}

/** The schema and the branches of its combinators, refs resolved. */
function expand(root: Schema, schema: Schema | undefined): Schema[] {
  if (!schema || typeof schema !== 'object') return [];
  const resolved = resolveRef(root, schema);
  const out = [resolved];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(resolved[keyword])) for (const branch of resolved[keyword]) out.push(...expand(root, branch));
  if (resolved.then) out.push(...expand(root, resolved.then));
  if (resolved.else) out.push(...expand(root, resolved.else));
  return out;
}

/** Every schema that applies at `path` in a document of `kind`. */
export function schemasAt(kind: DocumentKind, path: readonly PathSegment[]): Schema[] {
  const root = schemaFor(kind) as Schema;
  let current = expand(root, root);
  for (const segment of path) {
    const next: Schema[] = [];
    for (const schema of current) {
      if (typeof segment === 'number') {
        if (schema.items) next.push(...expand(root, schema.items));
      } else if (schema.properties && segment in schema.properties) next.push(...expand(root, schema.properties[segment]));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') next.push(...expand(root, schema.additionalProperties));
      else if (schema.patternProperties) for (const [pattern, sub] of Object.entries(schema.patternProperties)) if (new RegExp(pattern).test(segment)) next.push(...expand(root, sub as Schema));
    }
    current = next;
    if (!current.length) break;
  }
  return current;
}

export function descriptionAt(kind: DocumentKind, path: readonly PathSegment[]): string | undefined {
  return schemasAt(kind, path).find((s) => typeof s.description === 'string')?.description;
}

export interface KeyInfo {
  key: string;
  description?: string;
  required: boolean;
  /** The kind of value expected: decides what the completion inserts after the colon. */
  shape: 'scalar' | 'list' | 'mapping';
}

/** The keys a mapping at `path` may hold. */
export function keysAt(kind: DocumentKind, path: readonly PathSegment[]): KeyInfo[] {
  const root = schemaFor(kind) as Schema;
  const out = new Map<string, KeyInfo>();
  for (const schema of schemasAt(kind, path)) {
    const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (out.has(key)) continue;
      const expanded = expand(root, sub as Schema);
      const type = expanded.map((s) => s.type).find(Boolean);
      out.set(key, {
        key,
        description: expanded.find((s) => typeof s.description === 'string')?.description,
        required: required.has(key),
        shape: type === 'array' ? 'list' : type === 'object' ? 'mapping' : 'scalar',
      });
    }
  }
  return [...out.values()];
}

/** Allowed literal values at `path` (enums and consts), for completion. */
export function valuesAt(kind: DocumentKind, path: readonly PathSegment[]): { value: string | number | boolean; description?: string }[] {
  const out = new Map<string, { value: string | number | boolean; description?: string }>();
  for (const schema of schemasAt(kind, path)) {
    const add = (value: unknown, description?: string) => {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') if (!out.has(String(value))) out.set(String(value), { value, description });
    };
    if (Array.isArray(schema.enum)) schema.enum.forEach((v: unknown) => add(v, schema.description));
    if ('const' in schema) add(schema.const, schema.description);
    if (schema.type === 'boolean') [true, false].forEach((v) => add(v));
  }
  return [...out.values()];
}
