import { InvalidError } from '../errors';

/**
 * The largest paste we import: 5 MiB of UTF-8. The longest real chat copied from a browser
 * (a deep-research report with its sources) is a few hundred kilobytes of HTML; five
 * megabytes leaves room for that tenfold and keeps one request's parse well under a second.
 */
export const maxImportBytes = 5 * 1024 * 1024;

/** A paste over `maxImportBytes`, refused before it is parsed. */
export class ImportTooLargeError extends InvalidError {
  constructor(
    readonly sizeBytes: number,
    readonly maxBytes: number = maxImportBytes,
  ) {
    super('body', `The pasted transcript is ${(sizeBytes / 1024 / 1024).toFixed(1)} MB; the most that can be imported is ${maxBytes / 1024 / 1024} MB.`);
  }
}

export function assertImportSize(input: string): void {
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit: skip the exact count when it cannot matter.
  if (input.length * 3 <= maxImportBytes) return;
  const sizeBytes = Buffer.byteLength(input, 'utf8');
  if (sizeBytes > maxImportBytes) throw new ImportTooLargeError(sizeBytes);
}
