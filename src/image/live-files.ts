/**
 * The files alive at some layer of an image, by path, with a directory index so that deleting a
 * directory (a whiteout of it, or an opaque marker) visits only what lies under it. Without the index
 * every such deletion scanned every live path: a `chown -R` layer carries an opaque marker per
 * directory it touched (hundreds), each of which then cost a pass over tens of thousands of files.
 * Shared by the wasted-space analysis (waste.ts) and the final filesystem (final-files.ts). Pure.
 */

/** A path's parent directory: `/a/b` -> `/a`, `/a` -> `/`. */
const parentOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

export class LiveFiles<T extends { layer: number }> {
  /** The live files in the order they were first written (a Map keeps it through later writes). */
  readonly byPath = new Map<string, T>();
  /** Directory -> the live files directly in it. */
  private readonly files = new Map<string, Set<string>>();
  /** Directory -> its subdirectories that hold (or held) live files. */
  private readonly subdirs = new Map<string, Set<string>>();

  get(path: string): T | undefined {
    return this.byPath.get(path);
  }

  set(path: string, value: T): void {
    if (!this.byPath.has(path)) this.index(path);
    this.byPath.set(path, value);
  }

  delete(path: string): void {
    if (this.byPath.delete(path)) this.files.get(parentOf(path))?.delete(path);
  }

  /**
   * Deletes every live file under `dir` (not `dir` itself) that a layer below `layer` wrote, telling
   * `onDelete` of each.
   */
  deleteUnder(dir: string, layer: number, onDelete?: (path: string, value: T) => void): void {
    const files = this.files.get(dir);
    if (files) {
      for (const path of files) {
        const value = this.byPath.get(path) as T;
        if (value.layer >= layer) continue;
        files.delete(path);
        this.byPath.delete(path);
        onDelete?.(path, value);
      }
    }
    for (const sub of this.subdirs.get(dir) ?? []) this.deleteUnder(sub, layer, onDelete);
  }

  private index(path: string): void {
    const parent = parentOf(path);
    let files = this.files.get(parent);
    if (!files) this.files.set(parent, (files = new Set()));
    files.add(path);
    for (let dir = parent; dir !== '/';) {
      const up = parentOf(dir);
      let subs = this.subdirs.get(up);
      if (!subs) this.subdirs.set(up, (subs = new Set()));
      if (subs.has(dir)) break;
      subs.add(dir);
      dir = up;
    }
  }
}
