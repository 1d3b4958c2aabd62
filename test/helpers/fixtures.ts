/** Builds fixture folders in a temporary directory; tests never read ../shared. */
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function tempDir(prefix = 'embedlab-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A folder with every case the walker must handle:
 *  a.txt (UTF-8), b.md (UTF-8 with BOM), nested/c.text, nested/deeper/d.txt.gz,
 *  latin1.txt (Windows-1252 bytes), utf16.txt (UTF-16LE with BOM),
 *  copy-of-a.txt (a duplicate), empty.txt, image.png (wrong type),
 *  binary.txt (NUL bytes), and loop -> . (a symlink loop).
 */
export function makeMixedFolder(root: string): void {
  mkdirSync(join(root, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'a.txt'), 'The cat sat on the mat.\n\nThe dog sat too.\n');
  writeFileSync(join(root, 'b.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Heading\nCafé au lait, the end.\n')]));
  writeFileSync(join(root, 'nested', 'c.text'), 'A nested file with the word cat.\n');
  writeFileSync(join(root, 'nested', 'deeper', 'd.txt.gz'), gzipSync(Buffer.from('Compressed words: cat dog cat.\n')));
  writeFileSync(join(root, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x0a])); // "café naïve" in Latin-1
  writeFileSync(join(root, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('wide text here\n', 'utf16le')]));
  writeFileSync(join(root, 'copy-of-a.txt'), 'The cat sat on the mat.\n\nThe dog sat too.\n');
  writeFileSync(join(root, 'empty.txt'), '');
  writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
  writeFileSync(join(root, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42, 0x00, 0xff, 0x00, 0x01, 0x02]));
  symlinkSync(root, join(root, 'nested', 'loop'));
}

/** A deterministic Zipf-ish text corpus: `files` files of `wordsPerFile` words over a `vocab`-word vocabulary. */
export function makeZipfFolder(root: string, files: number, wordsPerFile: number, vocab = 2000, seed = 7): void {
  let s = seed >>> 0;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const words = Array.from({ length: vocab }, (_, i) => `w${i.toString(36)}`);
  const h = words.reduce((acc, _, i) => acc + 1 / (i + 1), 0);
  const sample = (): string => {
    let u = rand() * h;
    for (let i = 0; i < vocab; i++) {
      u -= 1 / (i + 1);
      if (u <= 0) return words[i];
    }
    return words[vocab - 1];
  };
  mkdirSync(root, { recursive: true });
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    let line: string[] = [];
    for (let i = 0; i < wordsPerFile; i++) {
      line.push(sample());
      if (line.length === 12) {
        lines.push(line.join(' ') + ' .');
        line = [];
      }
    }
    if (line.length) lines.push(line.join(' '));
    writeFileSync(join(root, `doc${String(f).padStart(4, '0')}.txt`), lines.join('\n') + '\n');
  }
}
