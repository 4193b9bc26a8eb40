// The longest-prefix-match structure: a multibit trie with leaf pushing, in
// wasm memory, kept by TypeScript and walked by generated code (gen-tables.ts).
//
// The key (exact keys first, then the lpm key, aligned to the top of the key
// words: layout.packKey) is cut into strides of S bits (8 for keys up to 64
// bits, 4 above, to bound memory for IPv6). A node is 2^S u32 slots; a slot
// holds a child node (index·2), an entry record (slot·2+1) or nothing (0).
// Leaf pushing: a slot with a child holds only the child, and the child's
// empty slots carry the best prefix of the levels above ("inherited"), so a
// lookup is one load per level and stops at the first entry or empty slot.
//
// TypeScript keeps, per node, the prefixes that end in it (length within the
// node 1..S), its children and what it inherits; a change rewrites only the
// slots the prefix covers (and pushes down into children whose inherited
// value changed). Node 0 is the root; a prefix of length 0 is its inherited
// value. Nodes left with no prefix and no child are freed.

import * as abi from "./abi.js";
import type { Heap } from "./heap.js";
import type { TableLayout } from "./layout.js";

interface Prefix {
  readonly bits: number; // the top `len` bits of the node's S-bit slot index
  readonly len: number; // 1..S
  readonly tag: number; // record slot + 1
}

interface TrieNode {
  readonly index: number;
  readonly depth: number;
  readonly prefixes: Prefix[];
  readonly children: Map<number, TrieNode>;
  inherited: number; // tag, 0 for none
  readonly parent?: TrieNode;
  readonly parentSlot: number;
}

export class LpmTrie {
  private readonly S: number;
  private readonly slots: number;
  private readonly nodeBytes: number;
  private pool: number;
  private capacity = 16;
  private nextIndex = 1;
  private readonly freeIndexes: number[] = [];
  private readonly root: TrieNode;

  constructor(
    private readonly heap: Heap,
    private readonly t: TableLayout,
  ) {
    this.S = t.stride;
    this.slots = 1 << this.S;
    this.nodeBytes = 4 * this.slots;
    this.pool = heap.alloc(this.capacity * this.nodeBytes);
    heap.dv().setUint32(t.desc + abi.T_STRUCT, this.pool, true);
    this.root = { index: 0, depth: 0, prefixes: [], children: new Map(), inherited: 0, parentSlot: 0 };
  }

  /** The S-bit slot index of `key` (the packed key as a bigint) at `depth`. */
  private chunk(key: bigint, depth: number): number {
    const pos = 64 * this.t.packing.words - this.S * (depth + 1);
    return Number((key >> BigInt(pos)) & BigInt(this.slots - 1));
  }

  insert(key: bigint, length: number, tag: number): void {
    if (length === 0) {
      this.root.inherited = tag;
      this.refreshAll(this.root);
      return;
    }
    const depth = Math.floor((length - 1) / this.S);
    let node = this.root;
    for (let d = 0; d < depth; d++) node = this.child(node, this.chunk(key, d));
    const len = length - this.S * depth;
    const prefix = { bits: this.chunk(key, depth) >> (this.S - len), len, tag };
    node.prefixes.push(prefix);
    this.refreshRange(node, prefix);
  }

  remove(key: bigint, length: number): void {
    if (length === 0) {
      this.root.inherited = 0;
      this.refreshAll(this.root);
      return;
    }
    const depth = Math.floor((length - 1) / this.S);
    let node = this.root;
    for (let d = 0; d < depth; d++) {
      const next = node.children.get(this.chunk(key, d));
      if (!next) return;
      node = next;
    }
    const len = length - this.S * depth;
    const bits = this.chunk(key, depth) >> (this.S - len);
    const i = node.prefixes.findIndex((p) => p.len === len && p.bits === bits);
    if (i < 0) return;
    const [removed] = node.prefixes.splice(i, 1);
    this.refreshRange(node, removed!);
    this.prune(node);
  }

  /** Sets one slot of a node in wasm memory. */
  private write(node: TrieNode, slot: number, value: number): void {
    this.heap.u32()[((this.pool + node.index * this.nodeBytes) >> 2) + slot] = value;
  }

  private child(node: TrieNode, slot: number): TrieNode {
    const existing = node.children.get(slot);
    if (existing) return existing;
    const index = this.allocNode();
    const created: TrieNode = { index, depth: node.depth + 1, prefixes: [], children: new Map(), inherited: this.best(node, slot), parent: node, parentSlot: slot };
    node.children.set(slot, created);
    this.refreshAll(created);
    this.write(node, slot, index * 2);
    return created;
  }

  /** The tag of the longest prefix in `node` covering `slot`, else what the node inherits. */
  private best(node: TrieNode, slot: number): number {
    let bestLen = 0;
    let tag = node.inherited;
    for (const p of node.prefixes) {
      if (p.len > bestLen && slot >> (this.S - p.len) === p.bits) {
        bestLen = p.len;
        tag = p.tag;
      }
    }
    return tag;
  }

  private refreshSlot(node: TrieNode, slot: number): void {
    const tag = this.best(node, slot);
    const child = node.children.get(slot);
    if (child) {
      this.write(node, slot, child.index * 2);
      if (child.inherited !== tag) {
        child.inherited = tag;
        this.refreshAll(child);
      }
    } else {
      this.write(node, slot, tag === 0 ? 0 : (tag - 1) * 2 + 1);
    }
  }

  private refreshRange(node: TrieNode, p: Prefix): void {
    const first = p.bits << (this.S - p.len);
    const end = (p.bits + 1) << (this.S - p.len);
    for (let s = first; s < end; s++) this.refreshSlot(node, s);
  }

  private refreshAll(node: TrieNode): void {
    for (let s = 0; s < this.slots; s++) this.refreshSlot(node, s);
  }

  private prune(node: TrieNode): void {
    let n: TrieNode | undefined = node;
    while (n && n.parent && n.prefixes.length === 0 && n.children.size === 0) {
      const parent: TrieNode = n.parent;
      parent.children.delete(n.parentSlot);
      this.freeIndexes.push(n.index);
      this.refreshSlot(parent, n.parentSlot);
      n = parent;
    }
  }

  private allocNode(): number {
    const reused = this.freeIndexes.pop();
    if (reused !== undefined) return reused;
    if (this.nextIndex === this.capacity) {
      const bytes = this.capacity * this.nodeBytes;
      this.pool = this.heap.grow(this.pool, bytes, 2 * bytes);
      this.capacity *= 2;
      this.heap.dv().setUint32(this.t.desc + abi.T_STRUCT, this.pool, true);
    }
    return this.nextIndex++;
  }
}
