import { InvalidError } from '@/lib/errors';
import { limits } from '@/lib/limits';

/** The largest paste we import, in UTF-8 bytes (`limits.import.pasteMaxBytes`, with its reason). */
export const maxImportBytes = limits.import.pasteMaxBytes;

/** A paste over `maxImportBytes`, refused before it is parsed. `field`: where it was pasted. */
export class ImportTooLargeError extends InvalidError {
  constructor(
    readonly sizeBytes: number,
    readonly maxBytes: number = maxImportBytes,
    field = 'body',
  ) {
    super(field, `The pasted transcript is ${(sizeBytes / 1024 / 1024).toFixed(1)} MB; the most that can be imported is ${maxBytes / 1024 / 1024} MB.`);
  }
}

export function assertImportSize(input: string, field = 'body'): void {
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit: skip the exact count when it cannot matter.
  if (input.length * 3 <= maxImportBytes) return;
  const sizeBytes = Buffer.byteLength(input, 'utf8');
  if (sizeBytes > maxImportBytes) throw new ImportTooLargeError(sizeBytes, maxImportBytes, field);
}
