/**
 * Capture-file I/O: reads classic libpcap (either byte order, microsecond or nanosecond
 * timestamps) and pcapng (what Wireshark saves by default), and writes classic pcap, in memory or
 * streamed to a file. Damaged input never costs the packets before the damage: the reader stops
 * there and adds a warning naming the record (or block) and byte offset. Only input that is not a
 * capture at all throws, as a PcapError.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { concatBytes } from "./craft.js";

/** One captured packet. `data` may be shorter than `originalLength` when the capture was cut. */
export interface PcapRecord {
  timestampNs: bigint;
  data: Uint8Array;
  originalLength: number;
  /** pcapng only: index into `Capture.interfaces`, counted across all sections of the file. */
  interface?: number;
}

export interface CaptureInterface {
  linkType: number;
  snaplen: number;
}

export interface Capture {
  format: "pcap" | "pcapng";
  /** One entry for classic pcap; one per Interface Description Block for pcapng. */
  interfaces: CaptureInterface[];
  records: PcapRecord[];
  /** Why reading stopped early, if it did; e.g. "record 3 at byte offset 130: …". */
  warnings: string[];
}

/** Input that is not a capture file, or a record that cannot be written. */
export class PcapError extends Error {
  override name = "PcapError";
}

export const LINKTYPE_ETHERNET = 1;
export const DEFAULT_SNAPLEN = 262144;

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const PCAP_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
const NS_PER_SECOND = 1_000_000_000n;

// ---------------------------------------------------------------- shared helpers

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Records own their bytes: a copy, so the file buffer can be dropped and callers may mutate. */
function copyOf(bytes: Uint8Array, start: number, length: number): Uint8Array {
  return new Uint8Array(bytes.subarray(start, start + length));
}

function hex32(value: number): string {
  return value.toString(16).padStart(8, "0");
}

// ---------------------------------------------------------------- reading: entry points

/** Reads a pcap or pcapng file; an unreadable path or a non-capture file throws PcapError. */
export async function readPcapFile(path: string): Promise<Capture> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new PcapError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return decodeCapture(bytes);
}

/** Decodes capture bytes, telling classic pcap from pcapng by the first four bytes. */
export function decodeCapture(bytes: Uint8Array): Capture {
  if (bytes.length < 4) throw new PcapError(`not a pcap or pcapng file: only ${bytes.length} bytes long`);
  const view = viewOf(bytes);
  if (view.getUint32(0) === BLOCK_SECTION_HEADER) return new PcapngDecoder(bytes).decode();
  const classic = classicFormat(view);
  if (classic) return decodeClassic(bytes, classic);
  throw new PcapError(`not a pcap or pcapng file: magic 0x${hex32(view.getUint32(0))}`);
}

// ---------------------------------------------------------------- reading classic pcap

interface ClassicFormat {
  littleEndian: boolean;
  nanoseconds: boolean;
}

function classicFormat(view: DataView): ClassicFormat | undefined {
  for (const littleEndian of [true, false]) {
    const magic = view.getUint32(0, littleEndian);
    if (magic === MAGIC_MICROSECONDS || magic === MAGIC_NANOSECONDS) {
      return { littleEndian, nanoseconds: magic === MAGIC_NANOSECONDS };
    }
  }
  return undefined;
}

function decodeClassic(bytes: Uint8Array, format: ClassicFormat): Capture {
  const capture: Capture = { format: "pcap", interfaces: [], records: [], warnings: [] };
  if (bytes.length < PCAP_HEADER_BYTES) {
    capture.warnings.push(`file header truncated: ${bytes.length} of ${PCAP_HEADER_BYTES} bytes`);
    return capture;
  }
  const view = viewOf(bytes);
  const snaplen = view.getUint32(16, format.littleEndian);
  // The upper bits of the link-type field carry FCS information, not the link type.
  capture.interfaces.push({ linkType: view.getUint32(20, format.littleEndian) & 0xffff, snaplen });
  const maxCaplen = Math.max(snaplen, DEFAULT_SNAPLEN);
  for (let offset = PCAP_HEADER_BYTES, n = 1; offset < bytes.length; n++) {
    const record = readClassicRecord(bytes, offset, format, maxCaplen);
    if (typeof record === "string") {
      capture.warnings.push(`record ${n} at byte offset ${offset}: ${record}; stopped reading`);
      break;
    }
    capture.records.push(record);
    offset += RECORD_HEADER_BYTES + record.data.length;
  }
  return capture;
}

/** The record at `offset`, or a description of why it cannot be read. */
function readClassicRecord(bytes: Uint8Array, offset: number, format: ClassicFormat, maxCaplen: number): PcapRecord | string {
  const left = bytes.length - offset;
  if (left < RECORD_HEADER_BYTES) return `record header truncated (${left} of ${RECORD_HEADER_BYTES} bytes)`;
  const view = viewOf(bytes);
  const u32 = (at: number): number => view.getUint32(offset + at, format.littleEndian);
  const caplen = u32(8);
  if (caplen > maxCaplen) return `captured length ${caplen} exceeds the limit of ${maxCaplen} bytes`;
  const dataLeft = left - RECORD_HEADER_BYTES;
  if (caplen > dataLeft) return `packet data runs past end of file (${caplen} bytes, ${dataLeft} left)`;
  const fractionNs = BigInt(u32(4)) * (format.nanoseconds ? 1n : 1000n);
  return {
    timestampNs: BigInt(u32(0)) * NS_PER_SECOND + fractionNs,
    data: copyOf(bytes, offset + RECORD_HEADER_BYTES, caplen),
    originalLength: u32(12),
  };
}

// ---------------------------------------------------------------- reading pcapng

const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
const BLOCK_INTERFACE_DESCRIPTION = 1;
const BLOCK_SIMPLE_PACKET = 3;
const BLOCK_ENHANCED_PACKET = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPTION_END = 0;
const OPTION_IF_TSRESOL = 9;
const OPTION_IF_TSOFFSET = 14;

/** A block whose framing (length fields) checked out; `body` to `end - 4` is its content. */
interface Block {
  type: number;
  littleEndian: boolean;
  body: number;
  end: number;
}

/** An interface of the current section; timestamps are `ticks * mul / div + offsetNs`. */
interface SectionInterface {
  index: number;
  snaplen: number;
  mul: bigint;
  div: bigint;
  offsetNs: bigint;
}

/** Walks the blocks of a pcapng file; interface numbering restarts with each section. */
class PcapngDecoder {
  private readonly view: DataView;
  private readonly capture: Capture = { format: "pcapng", interfaces: [], records: [], warnings: [] };
  private littleEndian = true;
  private sectionInterfaces: SectionInterface[] = [];
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = viewOf(bytes);
  }

  decode(): Capture {
    for (let n = 1; this.offset < this.bytes.length; n++) {
      const problem = this.readBlock(n);
      if (problem !== undefined) {
        this.capture.warnings.push(`block ${n} at byte offset ${this.offset}: ${problem}; stopped reading`);
        break;
      }
    }
    return this.capture;
  }

  private readBlock(n: number): string | undefined {
    const block = this.frame(n);
    if (typeof block === "string") return block;
    const problem = this.handle(block);
    if (problem === undefined) this.offset = block.end;
    return problem;
  }

  /** Checks the block's length fields; a section header brings its own byte order. */
  private frame(n: number): Block | string {
    const left = this.bytes.length - this.offset;
    if (left < 12) return `block header truncated (${left} of 12 bytes)`;
    const type = this.view.getUint32(this.offset, this.littleEndian);
    const littleEndian = type === BLOCK_SECTION_HEADER ? this.sectionByteOrder(n) : this.littleEndian;
    if (typeof littleEndian === "string") return littleEndian;
    const length = this.view.getUint32(this.offset + 4, littleEndian);
    if (length < 12 || length % 4 !== 0) return `bad block length ${length}`;
    if (length > left) return `block runs past end of file (${length} bytes, ${left} left)`;
    const trailer = this.view.getUint32(this.offset + length - 4, littleEndian);
    if (trailer !== length) return `trailing block length ${trailer} does not match leading ${length}`;
    return { type, littleEndian, body: this.offset + 8, end: this.offset + length };
  }

  /** Byte order from the section header's byte-order magic; a bad first one means "not pcapng". */
  private sectionByteOrder(n: number): boolean | string {
    const magic = this.view.getUint32(this.offset + 8, false);
    if (magic === BYTE_ORDER_MAGIC) return false;
    if (this.view.getUint32(this.offset + 8, true) === BYTE_ORDER_MAGIC) return true;
    const problem = `section header has bad byte-order magic 0x${hex32(magic)}`;
    if (n === 1) throw new PcapError(`not a pcap or pcapng file: ${problem}`);
    return problem;
  }

  private handle(block: Block): string | undefined {
    switch (block.type) {
      case BLOCK_SECTION_HEADER: return this.sectionHeader(block);
      case BLOCK_INTERFACE_DESCRIPTION: return this.interfaceDescription(block);
      case BLOCK_ENHANCED_PACKET: return this.enhancedPacket(block);
      case BLOCK_SIMPLE_PACKET: return this.simplePacket(block);
      default: return undefined; // statistics, name resolution, custom…: nothing pnet needs
    }
  }

  private u16(at: number): number {
    return this.view.getUint16(at, this.littleEndian);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, this.littleEndian);
  }

  private sectionHeader(block: Block): string | undefined {
    if (block.end - 4 - block.body < 16) return "section header block too short";
    this.littleEndian = block.littleEndian;
    const major = this.u16(block.body + 4);
    if (major !== 1) return `unsupported pcapng version ${major}.${this.u16(block.body + 6)}`;
    this.sectionInterfaces = [];
    return undefined;
  }

  private interfaceDescription(block: Block): string | undefined {
    if (block.end - 4 - block.body < 8) return "interface description block too short";
    const options = this.options(block.body + 8, block.end - 4);
    if (typeof options === "string") return options;
    const iface = { linkType: this.u16(block.body), snaplen: this.u32(block.body + 4) };
    this.sectionInterfaces.push({ index: this.capture.interfaces.length, snaplen: iface.snaplen, ...this.clock(options) });
    this.capture.interfaces.push(iface);
    return undefined;
  }

  /** Option code → offset of its value; later duplicates win. */
  private options(start: number, end: number): Map<number, number> | string {
    const found = new Map<number, number>();
    for (let at = start; at + 4 <= end; ) {
      const code = this.u16(at);
      const length = this.u16(at + 2);
      if (code === OPTION_END) break;
      if (at + 4 + length > end) return `option ${code} runs past the end of its block`;
      found.set(code, at + 4);
      at += 4 + Math.ceil(length / 4) * 4;
    }
    return found;
  }

  /** if_tsresol: 10^-n seconds per tick, or 2^-n when the top bit is set; default microseconds. */
  private clock(options: Map<number, number>): Pick<SectionInterface, "mul" | "div" | "offsetNs"> {
    const resolutionAt = options.get(OPTION_IF_TSRESOL);
    const resolution = resolutionAt === undefined ? 6 : this.view.getUint8(resolutionAt);
    const offsetAt = options.get(OPTION_IF_TSOFFSET);
    const offsetNs = offsetAt === undefined ? 0n : this.view.getBigInt64(offsetAt, this.littleEndian) * NS_PER_SECOND;
    const exponent = resolution & 0x7f;
    if (resolution & 0x80) return { mul: NS_PER_SECOND, div: 1n << BigInt(exponent), offsetNs };
    return exponent <= 9
      ? { mul: 10n ** BigInt(9 - exponent), div: 1n, offsetNs }
      : { mul: 1n, div: 10n ** BigInt(exponent - 9), offsetNs };
  }

  private enhancedPacket(block: Block): string | undefined {
    const room = block.end - 4 - (block.body + 20);
    if (room < 0) return "enhanced packet block too short";
    const interfaceId = this.u32(block.body);
    const iface = this.sectionInterfaces[interfaceId];
    if (!iface) return `packet refers to interface ${interfaceId}, which the section does not describe`;
    const caplen = this.u32(block.body + 12);
    if (caplen > room) return `captured length ${caplen} runs past the end of its block`;
    const ticks = (BigInt(this.u32(block.body + 4)) << 32n) | BigInt(this.u32(block.body + 8));
    this.capture.records.push({
      timestampNs: (ticks * iface.mul) / iface.div + iface.offsetNs,
      data: copyOf(this.bytes, block.body + 20, caplen),
      originalLength: this.u32(block.body + 16),
      interface: iface.index,
    });
    return undefined;
  }

  /** A Simple Packet Block has no timestamp and belongs to the section's first interface. */
  private simplePacket(block: Block): string | undefined {
    const room = block.end - 4 - (block.body + 4);
    if (room < 0) return "simple packet block too short";
    const iface = this.sectionInterfaces[0];
    if (!iface) return "simple packet block before any interface description";
    const originalLength = this.u32(block.body);
    const caplen = Math.min(originalLength, room, iface.snaplen || Infinity);
    this.capture.records.push({
      timestampNs: 0n,
      data: copyOf(this.bytes, block.body + 4, caplen),
      originalLength,
      interface: iface.index,
    });
    return undefined;
  }
}

// ---------------------------------------------------------------- writing classic pcap

export interface PcapWriteOptions {
  /** Timestamp resolution of the file: "ns" (default, magic a1b23c4d) or "us" (a1b2c3d4). */
  resolution?: "ns" | "us";
  linkType?: number;
  snaplen?: number;
}

/** What a writer needs: the timestamp defaults to 0 and the original length to `data.length`. */
export interface PcapRecordInput {
  data: Uint8Array;
  timestampNs?: bigint;
  originalLength?: number;
}

/** The 24-byte little-endian file header. */
function encodeFileHeader(opts: PcapWriteOptions): Uint8Array {
  const bytes = new Uint8Array(PCAP_HEADER_BYTES);
  const view = viewOf(bytes);
  view.setUint32(0, opts.resolution === "us" ? MAGIC_MICROSECONDS : MAGIC_NANOSECONDS, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, opts.snaplen ?? DEFAULT_SNAPLEN, true);
  view.setUint32(20, opts.linkType ?? LINKTYPE_ETHERNET, true);
  return bytes;
}

/** Record header and data, the data cut to the snaplen as a capturing tool would. */
function encodeRecord(record: PcapRecordInput, opts: PcapWriteOptions): Uint8Array {
  const timestampNs = record.timestampNs ?? 0n;
  const seconds = timestampNs / NS_PER_SECOND;
  if (timestampNs < 0n || seconds >= 1n << 32n) {
    throw new PcapError(`timestamp ${timestampNs} ns does not fit a pcap record (0 to 2^32 seconds)`);
  }
  const fractionNs = timestampNs % NS_PER_SECOND;
  const caplen = Math.min(record.data.length, opts.snaplen ?? DEFAULT_SNAPLEN);
  const bytes = new Uint8Array(RECORD_HEADER_BYTES + caplen);
  const view = viewOf(bytes);
  view.setUint32(0, Number(seconds), true);
  view.setUint32(4, Number(opts.resolution === "us" ? fractionNs / 1000n : fractionNs), true);
  view.setUint32(8, caplen, true);
  view.setUint32(12, record.originalLength ?? record.data.length, true);
  bytes.set(record.data.subarray(0, caplen), RECORD_HEADER_BYTES);
  return bytes;
}

/** A whole classic pcap file in memory. */
export function encodePcap(records: Iterable<PcapRecordInput>, opts: PcapWriteOptions = {}): Uint8Array {
  const chunks = [encodeFileHeader(opts)];
  for (const record of records) chunks.push(encodeRecord(record, opts));
  return concatBytes(chunks);
}

const WRITE_BUFFER_BYTES = 1 << 16;

/**
 * Streams a classic pcap file to disk for runs too large to hold in memory. Records are copied
 * into a 64 KiB buffer and written in batches; `close()` flushes the rest and must be called.
 */
export class PcapFileWriter {
  private readonly fd: number;
  private readonly buffer = new Uint8Array(WRITE_BUFFER_BYTES);
  private used = 0;
  private closed = false;

  /** Creates (or truncates) `path` and writes the file header. */
  constructor(readonly path: string, private readonly opts: PcapWriteOptions = {}) {
    try {
      this.fd = openSync(path, "w");
    } catch (err) {
      throw new PcapError(`cannot write ${path}: ${(err as Error).message}`);
    }
    this.append(encodeFileHeader(opts));
  }

  write(record: PcapRecordInput): void {
    if (this.closed) throw new PcapError(`cannot write to ${this.path}: the writer is closed`);
    this.append(encodeRecord(record, this.opts));
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
  }

  private append(chunk: Uint8Array): void {
    if (this.used + chunk.length > this.buffer.length) this.flush();
    if (chunk.length > this.buffer.length) {
      this.writeAll(chunk);
      return;
    }
    this.buffer.set(chunk, this.used);
    this.used += chunk.length;
  }

  private flush(): void {
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
  }
}
