/**
 * An open-addressing hash table from UTF-8 byte strings to dense ids.
 * Ingestion looks up every token here without creating a JS string per token,
 * which is what makes the fast path fast; strings are made once per type, at the end.
 */

const EMPTY = -1;

/** Callers hash with FNV-1a (32-bit) while they copy a token's bytes, and pass the hash in. */
export class ByteVocab {
  private slots: Int32Array;
  private mask: number;
  private hashes: Uint32Array = new Uint32Array(1024);
  private offsets: Uint32Array = new Uint32Array(1024);
  private lengths: Uint32Array = new Uint32Array(1024);
  private arena: Uint8Array = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  size = 0;

  constructor(initialSlots = 1 << 16) {
    this.slots = new Int32Array(initialSlots).fill(EMPTY);
    this.mask = initialSlots - 1;
  }

  /** Id of bytes[start, end) whose FNV-1a hash is `hash`; inserts it when new. */
  idOf(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const id = this.slots[slot];
      if (id === EMPTY) return this.insert(slot, bytes, start, len, hash);
      if (this.hashes[id] === hash && this.lengths[id] === len && this.sameBytes(id, bytes, start, len)) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Decodes the types with ids from `start` on to strings, in id order. */
  words(start = 0): string[] {
    const decoder = new TextDecoder();
    const out = new Array<string>(Math.max(0, this.size - start));
    for (let id = start; id < this.size; id++) {
      const o = this.offsets[id];
      out[id - start] = decoder.decode(this.arena.subarray(o, o + this.lengths[id]));
    }
    return out;
  }

  private sameBytes(id: number, bytes: Uint8Array, start: number, len: number): boolean {
    const arena = this.arena;
    const o = this.offsets[id];
    for (let i = 0; i < len; i++) if (arena[o + i] !== bytes[start + i]) return false;
    return true;
  }

  private insert(slot: number, bytes: Uint8Array, start: number, len: number, hash: number): number {
    const id = this.size++;
    if (id === this.hashes.length) this.growIds();
    if (this.arenaUsed + len > this.arena.length) this.growArena(len);
    this.arena.set(bytes.subarray(start, start + len), this.arenaUsed);
    this.offsets[id] = this.arenaUsed;
    this.lengths[id] = len;
    this.hashes[id] = hash;
    this.arenaUsed += len;
    this.slots[slot] = id;
    // Keep the load factor under one half so that probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private growIds(): void {
    const n = this.hashes.length * 2;
    this.hashes = grow(this.hashes, n);
    this.offsets = grow(this.offsets, n);
    this.lengths = grow(this.lengths, n);
  }

  private growArena(need: number): void {
    const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + need));
    next.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = next;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function grow(a: Uint32Array, n: number): Uint32Array {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}
