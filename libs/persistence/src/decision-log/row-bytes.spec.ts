import fc from 'fast-check';
import { ROW_SLAB_BYTES, RowBytes } from './row-bytes';

describe('RowBytes', () => {
  it('gives the same bytes as Buffer.from(line, "utf8") for any text, rows after rows', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { maxLength: 60 }), (lines) => {
        const bytes = new RowBytes();
        const rows = lines.map((line) => bytes.of(line));
        rows.forEach((row, i) => expect(row.equals(Buffer.from(lines[i], 'utf8'))).toBe(true));
      }),
    );
  });

  it('packs rows into its own slabs, not Node\'s shared pool; a long line gets its own buffer', () => {
    const bytes = new RowBytes();
    const a = bytes.of('a\tb é€😀\n');
    const b = bytes.of('second row\n');
    expect(a.buffer).toBe(b.buffer);
    expect(a.buffer.byteLength).toBe(ROW_SLAB_BYTES);
    expect(b.byteOffset).toBe(a.byteOffset + a.length);
    expect(a.buffer).not.toBe(Buffer.from('pooled').buffer);
    const long = 'x'.repeat(ROW_SLAB_BYTES);
    expect(bytes.of(long).equals(Buffer.from(long))).toBe(true);
  });

  it('starts a new slab when a row might not fit, without touching rows already handed out', () => {
    const bytes = new RowBytes();
    const line = `${'y'.repeat(5000)}\n`;
    const rows = Array.from({ length: 20 }, () => bytes.of(line));
    expect(new Set(rows.map((r) => r.buffer)).size).toBeGreaterThan(1);
    for (const r of rows) expect(r.toString('utf8')).toBe(line);
  });
});
