import type { FileChanges } from '../git/branch-commit.js';
import type { RecordOf } from '../repo/record.js';

/**
 * Edits gathered per file: each starts from the text the repository was loaded from, and
 * several edits to one file apply one after another.
 */
export class FileEdits {
  private readonly texts = new Map<string, string | null>();

  edit(record: RecordOf, change: (text: string) => string | null): void {
    const file = record.file.path;
    const current = this.texts.has(file) ? this.texts.get(file)! : record.file.text;
    if (current === null) return; // already removed as a whole
    this.texts.set(file, change(current));
  }

  get changes(): FileChanges {
    return Object.fromEntries([...this.texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  get removedFiles(): string[] {
    return [...this.texts].filter(([, text]) => text === null).map(([file]) => file).sort();
  }

  get editedFiles(): string[] {
    return [...this.texts].filter(([, text]) => text !== null).map(([file]) => file).sort();
  }
}
