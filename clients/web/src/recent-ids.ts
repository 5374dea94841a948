/**
 * The ids of the last `capacity` events handed to the application: a ring buffer plus a set, so
 * memory stays bounded however long the page lives, and a lookup is O(1).
 */
export class RecentIds {
  private readonly ring: (string | undefined)[];
  private readonly set = new Set<string>();
  private next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.ring = new Array<string | undefined>(capacity);
  }

  has(id: string): boolean {
    return this.set.has(id);
  }

  /** Remembers `id`, forgetting the oldest one when full. */
  add(id: string): void {
    if (this.set.has(id)) {
      return;
    }
    const evicted = this.ring[this.next];
    if (evicted !== undefined) {
      this.set.delete(evicted);
    }
    this.ring[this.next] = id;
    this.set.add(id);
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.set.size;
  }
}
