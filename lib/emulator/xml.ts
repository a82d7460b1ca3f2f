/**
 * XML the way Rails' `Hash#to_xml` renders it (FACTS.md): root `<hash>` (`<errors>` for
 * errors), dasherized keys, `type="integer"` / `type="boolean"` / `type="array"`,
 * `nil="true"` for null, arrays with singular children.
 */
import { XMLBuilder } from 'fast-xml-parser';

type XmlNode = { [key: string]: XmlContent };
type XmlContent = string | XmlNode | XmlNode[];

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
});

export function dasherize(key: string): string {
  return key.replace(/_/g, '-');
}

/** ActiveSupport-style for the names the API uses: events→event, as-authy-ids→as-authy-id. */
export function singularize(name: string): string {
  if (/ies$/.test(name)) return name.replace(/ies$/, 'y');
  if (/(ss|us)$/.test(name)) return name;
  return name.replace(/s$/, '');
}

function node(value: unknown, name: string): XmlContent {
  if (value === null || value === undefined) return { '@_nil': 'true' };
  if (typeof value === 'boolean') return { '#text': String(value), '@_type': 'boolean' };
  if (typeof value === 'number') {
    return { '#text': String(value), '@_type': Number.isInteger(value) ? 'integer' : 'float' };
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const child = singularize(name);
    const items = value.map((item) => wrap(node(item, child)));
    return items.length > 0 ? { '@_type': 'array', [child]: items } : { '@_type': 'array' };
  }
  return hashNode(value as Record<string, unknown>);
}

/** The builder needs arrays of nodes; plain strings become text nodes. */
function wrap(content: XmlContent): XmlNode {
  if (typeof content === 'string') return { '#text': content };
  return Array.isArray(content) ? { '#text': '' } : content;
}

function hashNode(value: Record<string, unknown>): XmlNode {
  const out: XmlNode = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = dasherize(key);
    out[name] = node(inner, name);
  }
  return out;
}

export function toXml(body: Record<string, unknown>, root: 'hash' | 'errors' = 'hash'): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [root]: hashNode(body),
  }) as string;
}
