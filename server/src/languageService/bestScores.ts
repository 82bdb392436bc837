// Keeping the few best of many candidates without sorting them all.

/**
 * The `limit` best of many scored candidates, in the order a stable sort by score (highest first)
 * would give: a query may land in a hundred thousand quotes, and only the few shown are kept.
 */
export class BestScores<T> {
  /** A heap with the worst kept candidate on top: lowest score, and among equals the latest. */
  private readonly heap: { score: number; order: number; value: T }[] = [];
  private added = 0;

  constructor(private readonly limit: number) {}

  /** Whether a candidate with this score would be kept (a tie loses to those found earlier). */
  accepts(score: number): boolean {
    return this.limit > 0 && (this.heap.length < this.limit || score > this.heap[0].score);
  }

  add(score: number, value: T): void {
    const entry = { score, order: this.added++, value };
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(entry);
      this.siftUp(heap.length - 1);
    } else if (this.worse(heap[0], entry)) {
      heap[0] = entry;
      this.siftDown(0);
    }
  }

  best(): T[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.order - b.order).map((e) => e.value);
  }

  private worse(a: { score: number; order: number }, b: { score: number; order: number }): boolean {
    return a.score < b.score || (a.score === b.score && a.order > b.order);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && this.worse(heap[left], heap[worst])) worst = left;
      if (right < heap.length && this.worse(heap[right], heap[worst])) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  }
}
