/**
 * Reads Rails-style XML back into JSON values, for tests: undoes dasherizing and applies the
 * `type` and `nil` attributes. If a response survives XML → JSON equal to its JSON twin,
 * the XML carried every key, type and value.
 */
import { XMLParser } from 'fast-xml-parser';

type Parsed = string | { [key: string]: Parsed } | Parsed[];
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
});

export function parseXml(text: string): Record<string, Parsed> {
  return parser.parse(text) as Record<string, Parsed>;
}

/** Every element name in a parsed document (attributes and text nodes excluded). */
export function elementNames(node: Parsed, into = new Set<string>()): Set<string> {
  if (typeof node === 'string') return into;
  if (Array.isArray(node)) {
    node.forEach((child) => elementNames(child, into));
    return into;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') continue;
    into.add(key);
    elementNames(child, into);
  }
  return into;
}

const undasherize = (key: string) => key.replace(/-/g, '_');

export function fromRailsXml(node: Parsed): JsonValue {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(fromRailsXml);
  const type = node['@_type'];
  if (node['@_nil'] === 'true') return null;
  const text = typeof node['#text'] === 'string' ? node['#text'] : '';
  if (type === 'integer' || type === 'float') return Number(text);
  if (type === 'boolean') return text === 'true';
  const children = Object.entries(node).filter(([key]) => !key.startsWith('@_') && key !== '#text');
  if (type === 'array') {
    if (children.length === 0) return [];
    const items = children[0][1];
    return (Array.isArray(items) ? items : [items]).map(fromRailsXml);
  }
  if (children.length === 0) return text;
  return Object.fromEntries(children.map(([key, child]) => [undasherize(key), fromRailsXml(child)]));
}
