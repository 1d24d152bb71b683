/** Parsing of numeric, date and IP values for condition operators. */
import * as ipaddr from 'ipaddr.js';

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parse an integer or decimal; NaN when the text is not a number. */
export function parseNumber(text: string): number {
  return NUMBER_RE.test(text) ? Number(text) : NaN;
}

/** Parse a W3C ISO-8601 date/time or Unix epoch seconds into epoch milliseconds; NaN if invalid. */
export function parseDate(text: string): number {
  if (NUMBER_RE.test(text)) return Number(text) * 1000;
  if (!ISO_RE.test(text)) return NaN;
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** A parsed CIDR range. */
export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parse a CIDR or bare address (bare = /32 or /128); undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  try {
    if (text.includes('/')) return ipaddr.parseCIDR(text);
    const addr = ipaddr.parse(text);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

/** Parse a request IP address (IPv4-mapped IPv6 becomes IPv4); undefined when invalid. */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    return ipaddr.process(text);
  } catch {
    return undefined;
  }
}

/** True when the address is inside the range (different families never match). */
export function ipInRange(addr: ipaddr.IPv4 | ipaddr.IPv6, range: Cidr): boolean {
  if (addr.kind() !== range[0].kind()) return false;
  return addr.match(range as [ipaddr.IPv4, number]);
}

/** Compare two numbers with an operator comparison. */
export function compare(a: number, b: number, cmp: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'): boolean {
  switch (cmp) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    default:
      return a >= b;
  }
}
