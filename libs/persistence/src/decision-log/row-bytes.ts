/**
 * UTF-8 bytes of decision-log rows, written into slabs the writer owns.
 * Buffer.from(text) takes small buffers from Node's shared 8 KB pool, so one buffered row could keep
 * a whole pool chunk (and whatever else shares it) alive: 10,000 rows waiting for a database that
 * is down could pin ~80 MB (the buffer now holds up to 20,000). Here rows fill slabs back to back and are queued in order, so the
 * buffered rows pin at most their own bytes plus one partly filled slab.
 */

/** Bytes per slab; each is its own allocation (Buffer.allocUnsafe serves sizes above 4 KB outside the pool). */
export const ROW_SLAB_BYTES = 64 * 1024;

export class RowBytes {
  private slab = Buffer.allocUnsafe(ROW_SLAB_BYTES);
  private used = 0;

  /** The UTF-8 bytes of `line`, as a view into a slab (a line too long for one gets its own buffer). */
  of(line: string): Buffer {
    // INVARIANT: a UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4).
    const most = line.length * 3;
    if (most > ROW_SLAB_BYTES / 4) return Buffer.from(line, 'utf8');
    if (most > ROW_SLAB_BYTES - this.used) {
      this.slab = Buffer.allocUnsafe(ROW_SLAB_BYTES);
      this.used = 0;
    }
    const start = this.used;
    this.used += this.slab.write(line, start, 'utf8');
    return this.slab.subarray(start, this.used);
  }
}
