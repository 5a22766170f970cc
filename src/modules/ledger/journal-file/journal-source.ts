import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { type JournalItem, parseJournalStream } from '../plain-text/parse-journal.ts';
import { parseCsvPostings } from './csv-postings.ts';

export type JournalFormat = 'journal' | 'csv';

/** A file the importer can read twice (once to check, once to write), reporting the bytes read. */
export interface JournalSource {
  /** The name errors use (`name:line: …`). */
  name: string;
  format: JournalFormat;
  totalBytes: number;
  items(onBytes?: (bytesRead: number) => void): AsyncGenerator<JournalItem>;
}

/** `--format` when given, else `.csv` files are CSV and everything else a journal. */
export function formatOf(file: string, given?: string): JournalFormat {
  if (given === 'journal' || given === 'csv') return given;
  return path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'journal';
}

export function fileSource(file: string, format: JournalFormat = formatOf(file)): JournalSource {
  const totalBytes = fs.statSync(file).size;
  const name = path.basename(file);
  return {
    name,
    format,
    totalBytes,
    items(onBytes) {
      let read = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          read += chunk.length;
          onBytes?.(read);
          done(null, chunk);
        },
      });
      const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
      input.on('error', (e) => counter.destroy(e));
      input.pipe(counter);
      return format === 'csv' ? parseCsvPostings(counter, name) : parseJournalStream(counter, name);
    },
  };
}

/** A journal held in memory (API uploads, tests). */
export function textSource(text: string, name: string, format: JournalFormat): JournalSource {
  const bytes = Buffer.from(text, 'utf8');
  return {
    name,
    format,
    totalBytes: bytes.length,
    items(onBytes) {
      const stream = new PassThrough();
      stream.end(bytes);
      onBytes?.(bytes.length);
      return format === 'csv' ? parseCsvPostings(stream, name) : parseJournalStream(stream, name);
    },
  };
}
