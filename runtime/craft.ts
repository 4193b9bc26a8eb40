/**
 * Packet crafting: a small builder (no package dependencies) for the packets that tests, benchmarks and the
 * sample-capture generator feed to pnet programs (Ethernet, 802.1Q, MPLS, ARP, IPv4, IPv6, TCP,
 * UDP, ICMP, ICMPv6, VXLAN, raw payload), with correct lengths and checksums filled in.
 * It also holds the seeded PRNG every test uses for reproducible random traffic, so that a failing
 * seed can be replayed on any machine.
 *
 *   eth({ src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" })
 *     .vlan({ vid: 10 }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2" })
 *     .udp({ srcPort: 1234, dstPort: 53 }).payload("hi").build();
 */

import { internetChecksum } from "../compiler/hash.js";
import { bitsToBytes } from "../compiler/wire.js";
import * as values from "./values.js";

/** An address in its usual text form ("10.0.0.1", "2001:db8::1", "00:1b:21:3c:4d:5e") or as bytes. */
export type Address = string | Uint8Array;

export const VXLAN_PORT = 4789;

// ---------------------------------------------------------------- bytes and checksums

// RFC 1071 internet checksum: one definition with the IR's checksum16 (compiler/hash.ts).
export { internetChecksum };

/** Hex text of bytes, lower case, no separators. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Bytes from hex text; whitespace is ignored so that fixtures can be laid out by field. */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, "");
  if (!/^([0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`fromHex: not an even run of hex digits: "${text}"`);
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** The chunks joined into one new buffer. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A zeroed buffer of `length` bytes filled in through a big-endian (network order) DataView. */
function header(length: number, fill: (v: DataView, bytes: Uint8Array) => void): Uint8Array {
  const bytes = new Uint8Array(length);
  fill(new DataView(bytes.buffer), bytes);
  return bytes;
}

/** A value for a field narrower than a byte-aligned word, checked: too wide, it would spill into its neighbours. */
function bits(value: number, width: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** width) {
    throw new Error(`${what} ${value} does not fit in ${width} bits`);
  }
  return value;
}

/** Options areas of IPv4 and TCP are padded with zero (End of Option List) bytes to 32 bits. */
function padTo4(bytes: Uint8Array): Uint8Array {
  return concatBytes([bytes, new Uint8Array((4 - (bytes.length % 4)) % 4)]);
}

// ---------------------------------------------------------------- addresses

function ofLength(bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (bytes.length !== length) throw new Error(`${what} must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

/** An address as `length` bytes: text goes through runtime/values.ts's parser, the one notation of every input. */
function addressBytes(address: Address, length: number, what: string, parse: (text: string) => bigint): Uint8Array {
  if (typeof address !== "string") return ofLength(address, length, what);
  let value: bigint;
  try {
    value = parse(address);
  } catch {
    throw new Error(`bad ${what} "${address}"`);
  }
  return bitsToBytes(value, length * 8);
}

/** "00:1b:21:3c:4d:5e" (or with "-") → 6 bytes. */
export const parseMac = (address: Address): Uint8Array => addressBytes(address, 6, "MAC address", values.parseMac);

/** "10.0.0.1" → 4 bytes. */
export const parseIpv4 = (address: Address): Uint8Array => addressBytes(address, 4, "IPv4 address", values.parseIpv4);

/** "2001:db8::1", "::ffff:10.0.0.1" → 16 bytes. */
export const parseIpv6 = (address: Address): Uint8Array => addressBytes(address, 16, "IPv6 address", values.parseIpv6);

// ---------------------------------------------------------------- layer options

export interface EthOptions {
  src: Address;
  dst: Address;
  /** EtherType; by default taken from the next layer (0x88b5, local experimental, for raw payload). */
  type?: number;
}
export interface VlanOptions {
  vid: number;
  pcp?: number;
  dei?: boolean;
  /** Tag protocol identifier written by the layer before: 0x8100 (default), 0x88a8 for an outer QinQ tag. */
  tpid?: number;
  /** EtherType of what follows the tag; by default from the next layer. */
  type?: number;
}
export interface MplsOptions {
  label: number;
  tc?: number;
  ttl?: number;
}
export interface ArpOptions {
  op?: "request" | "reply";
  senderMac: Address;
  senderIp: Address;
  targetMac?: Address;
  targetIp: Address;
}
export interface Ipv4Options {
  src: Address;
  dst: Address;
  ttl?: number;
  tos?: number;
  id?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  /** In 8-byte units, as on the wire. */
  fragmentOffset?: number;
  /** Raw option bytes (at most 40); padded with zero bytes to a multiple of 4. */
  options?: Uint8Array;
  /** By default from the next layer (253, experimental, for raw payload). */
  protocol?: number;
}
export interface Ipv6Options {
  src: Address;
  dst: Address;
  hopLimit?: number;
  trafficClass?: number;
  flowLabel?: number;
  /** By default from the next layer (253, experimental, for raw payload). */
  nextHeader?: number;
}
export interface TcpOptions {
  srcPort: number;
  dstPort: number;
  seq?: number;
  ack?: number;
  /** A bit mask, or letters from "FSRPAUEC" (e.g. "SA" for SYN+ACK). */
  flags?: number | string;
  window?: number;
  urgent?: number;
  /** Raw option bytes (at most 40); padded with zero bytes to a multiple of 4. */
  options?: Uint8Array;
}
export interface UdpOptions {
  srcPort: number;
  dstPort: number;
}
export interface IcmpOptions {
  /** Defaults to echo request (8 for ICMP, 128 for ICMPv6). */
  type?: number;
  code?: number;
  /** `id` and `seq` fill the 4-byte rest-of-header (identifier and sequence number for echo). */
  id?: number;
  seq?: number;
}
export interface VxlanOptions {
  vni: number;
}

interface LayerOptions {
  eth: EthOptions;
  vlan: VlanOptions;
  mpls: MplsOptions;
  arp: ArpOptions;
  ipv4: Ipv4Options;
  ipv6: Ipv6Options;
  tcp: TcpOptions;
  udp: UdpOptions;
  icmp: IcmpOptions;
  icmpv6: IcmpOptions;
  vxlan: VxlanOptions;
  payload: { bytes: Uint8Array };
}
type Kind = keyof LayerOptions;
type Layer = { [K in Kind]: { kind: K; opts: LayerOptions[K] } }[Kind];

/** What a layer needs to know about its neighbours: the next layer and the enclosing IP addresses. */
interface Context {
  next: Layer | undefined;
  ip: { src: Uint8Array; dst: Uint8Array } | undefined;
}

// ---------------------------------------------------------------- next-protocol numbers

const RAW_ETHERTYPE = 0x88b5;
const RAW_IP_PROTOCOL = 253;

function etherTypeOf(layer: Layer | undefined): number {
  switch (layer?.kind) {
    case "vlan": return layer.opts.tpid ?? 0x8100;
    case "ipv4": return 0x0800;
    case "ipv6": return 0x86dd;
    case "arp": return 0x0806;
    case "mpls": return 0x8847;
    default: return RAW_ETHERTYPE;
  }
}

function ipProtocolOf(layer: Layer | undefined): number {
  switch (layer?.kind) {
    case "icmp": return 1;
    case "ipv4": return 4;
    case "tcp": return 6;
    case "udp": return 17;
    case "ipv6": return 41;
    case "icmpv6": return 58;
    default: return RAW_IP_PROTOCOL;
  }
}

// ---------------------------------------------------------------- layer encoders

/** Checksum of a TCP/UDP/ICMPv6 segment over the IPv4 or IPv6 pseudo-header of its enclosing IP layer. */
function pseudoHeaderChecksum(ctx: Context, protocol: number, segment: Uint8Array, what: string): number {
  if (!ctx.ip) throw new Error(`${what} needs an enclosing ipv4 or ipv6 layer for its checksum`);
  const { src, dst } = ctx.ip;
  const pseudo = src.length === 4
    ? header(12, (v, b) => { b.set(src, 0); b.set(dst, 4); v.setUint8(9, protocol); v.setUint16(10, segment.length); })
    : header(40, (v, b) => { b.set(src, 0); b.set(dst, 16); v.setUint32(32, segment.length); v.setUint8(39, protocol); });
  return internetChecksum(concatBytes([pseudo, segment]));
}

function encodeEth(o: EthOptions, inner: Uint8Array, ctx: Context): Uint8Array {
  return concatBytes([header(14, (v, b) => {
    b.set(parseMac(o.dst), 0);
    b.set(parseMac(o.src), 6);
    v.setUint16(12, o.type ?? etherTypeOf(ctx.next));
  }), inner]);
}

function encodeVlan(o: VlanOptions, inner: Uint8Array, ctx: Context): Uint8Array {
  return concatBytes([header(4, (v) => {
    v.setUint16(0, (bits(o.pcp ?? 0, 3, "vlan pcp") << 13) | (o.dei ? 0x1000 : 0) | bits(o.vid, 12, "vlan vid"));
    v.setUint16(2, o.type ?? etherTypeOf(ctx.next));
  }), inner]);
}

/** The bottom-of-stack bit is set on the last label of a run of mpls layers. */
function encodeMpls(o: MplsOptions, inner: Uint8Array, ctx: Context): Uint8Array {
  const bottom = ctx.next?.kind === "mpls" ? 0 : 1;
  return concatBytes([header(4, (v) => {
    const label = bits(o.label, 20, "mpls label");
    v.setUint32(0, ((label << 12) | (bits(o.tc ?? 0, 3, "mpls tc") << 9) | (bottom << 8) | bits(o.ttl ?? 64, 8, "mpls ttl")) >>> 0);
  }), inner]);
}

/** ARP for Ethernet and IPv4 (RFC 826). */
function encodeArp(o: ArpOptions, inner: Uint8Array): Uint8Array {
  return concatBytes([header(28, (v, b) => {
    v.setUint16(0, 1);
    v.setUint16(2, 0x0800);
    v.setUint8(4, 6);
    v.setUint8(5, 4);
    v.setUint16(6, o.op === "reply" ? 2 : 1);
    b.set(parseMac(o.senderMac), 8);
    b.set(parseIpv4(o.senderIp), 14);
    b.set(parseMac(o.targetMac ?? "00:00:00:00:00:00"), 18);
    b.set(parseIpv4(o.targetIp), 24);
  }), inner]);
}

function encodeIpv4(o: Ipv4Options, inner: Uint8Array, ctx: Context): Uint8Array {
  const options = padTo4(o.options ?? new Uint8Array(0));
  if (options.length > 40) throw new Error(`ipv4 options are ${options.length} bytes; at most 40 fit`);
  const ip = header(20 + options.length, (v, b) => {
    v.setUint8(0, 0x40 | (b.length / 4));
    v.setUint8(1, o.tos ?? 0);
    v.setUint16(2, b.length + inner.length);
    v.setUint16(4, o.id ?? 0);
    const fragmentOffset = bits(o.fragmentOffset ?? 0, 13, "ipv4 fragmentOffset");
    v.setUint16(6, (o.dontFragment ? 0x4000 : 0) | (o.moreFragments ? 0x2000 : 0) | fragmentOffset);
    v.setUint8(8, o.ttl ?? 64);
    v.setUint8(9, o.protocol ?? ipProtocolOf(ctx.next));
    b.set(parseIpv4(o.src), 12);
    b.set(parseIpv4(o.dst), 16);
    b.set(options, 20);
  });
  new DataView(ip.buffer).setUint16(10, internetChecksum(ip));
  return concatBytes([ip, inner]);
}

function encodeIpv6(o: Ipv6Options, inner: Uint8Array, ctx: Context): Uint8Array {
  return concatBytes([header(40, (v, b) => {
    const trafficClass = bits(o.trafficClass ?? 0, 8, "ipv6 trafficClass");
    v.setUint32(0, ((6 << 28) | (trafficClass << 20) | bits(o.flowLabel ?? 0, 20, "ipv6 flowLabel")) >>> 0);
    v.setUint16(4, inner.length);
    v.setUint8(6, o.nextHeader ?? ipProtocolOf(ctx.next));
    v.setUint8(7, o.hopLimit ?? 64);
    b.set(parseIpv6(o.src), 8);
    b.set(parseIpv6(o.dst), 24);
  }), inner]);
}

const TCP_FLAG_LETTERS = "FSRPAUEC";

function tcpFlags(flags: number | string | undefined): number {
  if (typeof flags !== "string") return flags ?? 0x02;
  return [...flags.toUpperCase()].reduce((mask, letter) => {
    const bit = TCP_FLAG_LETTERS.indexOf(letter);
    if (bit < 0) throw new Error(`bad TCP flag "${letter}" in "${flags}"; use letters from ${TCP_FLAG_LETTERS}`);
    return mask | (1 << bit);
  }, 0);
}

function encodeTcp(o: TcpOptions, inner: Uint8Array, ctx: Context): Uint8Array {
  const options = padTo4(o.options ?? new Uint8Array(0));
  if (options.length > 40) throw new Error(`tcp options are ${options.length} bytes; at most 40 fit`);
  const segment = concatBytes([header(20 + options.length, (v, b) => {
    v.setUint16(0, o.srcPort);
    v.setUint16(2, o.dstPort);
    v.setUint32(4, o.seq ?? 0);
    v.setUint32(8, o.ack ?? 0);
    v.setUint16(12, ((b.length / 4) << 12) | tcpFlags(o.flags));
    v.setUint16(14, o.window ?? 65535);
    v.setUint16(18, o.urgent ?? 0);
    b.set(options, 20);
  }), inner]);
  new DataView(segment.buffer).setUint16(16, pseudoHeaderChecksum(ctx, 6, segment, "tcp"));
  return segment;
}

function encodeUdp(o: UdpOptions, inner: Uint8Array, ctx: Context): Uint8Array {
  const datagram = concatBytes([header(8, (v) => {
    v.setUint16(0, o.srcPort);
    v.setUint16(2, o.dstPort);
    v.setUint16(4, 8 + inner.length);
  }), inner]);
  // A computed 0 is sent as 0xffff: 0 on the wire means "no checksum" (RFC 768).
  new DataView(datagram.buffer).setUint16(6, pseudoHeaderChecksum(ctx, 17, datagram, "udp") || 0xffff);
  return datagram;
}

function icmpMessage(o: IcmpOptions, defaultType: number, inner: Uint8Array): Uint8Array {
  return concatBytes([header(8, (v) => {
    v.setUint8(0, o.type ?? defaultType);
    v.setUint8(1, o.code ?? 0);
    v.setUint16(4, o.id ?? 0);
    v.setUint16(6, o.seq ?? 0);
  }), inner]);
}

/** ICMP for IPv4 checksums the message alone (RFC 792). */
function encodeIcmp(o: IcmpOptions, inner: Uint8Array): Uint8Array {
  const message = icmpMessage(o, 8, inner);
  new DataView(message.buffer).setUint16(2, internetChecksum(message));
  return message;
}

/** ICMPv6 checksums the message with the IPv6 pseudo-header (RFC 4443). */
function encodeIcmpv6(o: IcmpOptions, inner: Uint8Array, ctx: Context): Uint8Array {
  const message = icmpMessage(o, 128, inner);
  new DataView(message.buffer).setUint16(2, pseudoHeaderChecksum(ctx, 58, message, "icmpv6"));
  return message;
}

/** VXLAN (RFC 7348): flags with the I bit, 24-bit VNI. */
function encodeVxlan(o: VxlanOptions, inner: Uint8Array): Uint8Array {
  return concatBytes([header(8, (v) => {
    v.setUint8(0, 0x08);
    v.setUint32(4, (bits(o.vni, 24, "vxlan vni") << 8) >>> 0);
  }), inner]);
}

type Encoder<K extends Kind> = (opts: LayerOptions[K], inner: Uint8Array, ctx: Context) => Uint8Array;

const ENCODERS: { [K in Kind]: Encoder<K> } = {
  eth: encodeEth,
  vlan: encodeVlan,
  mpls: encodeMpls,
  arp: encodeArp,
  ipv4: encodeIpv4,
  ipv6: encodeIpv6,
  tcp: encodeTcp,
  udp: encodeUdp,
  icmp: encodeIcmp,
  icmpv6: encodeIcmpv6,
  vxlan: encodeVxlan,
  payload: (o, inner) => concatBytes([o.bytes, inner]),
};

// ---------------------------------------------------------------- builder

/**
 * An immutable list of layers, outermost first; each method returns a new builder, so a common
 * prefix can be shared. `build()` encodes innermost first, because lengths and checksums of a
 * layer cover everything inside it.
 */
export class PacketBuilder {
  constructor(private readonly layers: readonly Layer[] = []) {}

  eth(opts: EthOptions): PacketBuilder { return this.with({ kind: "eth", opts }); }
  vlan(opts: VlanOptions): PacketBuilder { return this.with({ kind: "vlan", opts }); }
  mpls(opts: MplsOptions): PacketBuilder { return this.with({ kind: "mpls", opts }); }
  arp(opts: ArpOptions): PacketBuilder { return this.with({ kind: "arp", opts }); }
  ipv4(opts: Ipv4Options): PacketBuilder { return this.with({ kind: "ipv4", opts }); }
  ipv6(opts: Ipv6Options): PacketBuilder { return this.with({ kind: "ipv6", opts }); }
  tcp(opts: TcpOptions): PacketBuilder { return this.with({ kind: "tcp", opts }); }
  udp(opts: UdpOptions): PacketBuilder { return this.with({ kind: "udp", opts }); }
  icmp(opts: IcmpOptions = {}): PacketBuilder { return this.with({ kind: "icmp", opts }); }
  icmpv6(opts: IcmpOptions = {}): PacketBuilder { return this.with({ kind: "icmpv6", opts }); }
  vxlan(opts: VxlanOptions): PacketBuilder { return this.with({ kind: "vxlan", opts }); }

  /** Raw bytes; a string is encoded as UTF-8. */
  payload(data: Uint8Array | string): PacketBuilder {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    return this.with({ kind: "payload", opts: { bytes } });
  }

  build(): Uint8Array {
    let bytes: Uint8Array = new Uint8Array(0);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      const encode = ENCODERS[layer.kind] as Encoder<Kind>;
      bytes = encode(layer.opts as never, bytes, this.contextAt(i));
    }
    return bytes;
  }

  private with(layer: Layer): PacketBuilder {
    return new PacketBuilder([...this.layers, layer]);
  }

  private contextAt(i: number): Context {
    const ip = this.layers.slice(0, i).reverse().find((l) => l.kind === "ipv4" || l.kind === "ipv6");
    const addresses = ip?.kind === "ipv4"
      ? { src: parseIpv4(ip.opts.src), dst: parseIpv4(ip.opts.dst) }
      : ip?.kind === "ipv6" ? { src: parseIpv6(ip.opts.src), dst: parseIpv6(ip.opts.dst) } : undefined;
    return { next: this.layers[i + 1], ip: addresses };
  }
}

/** An empty builder, for packets that do not start with Ethernet (e.g. raw IP). */
export function packet(): PacketBuilder {
  return new PacketBuilder();
}

/** A builder starting with an Ethernet header. */
export function eth(opts: EthOptions): PacketBuilder {
  return packet().eth(opts);
}

// ---------------------------------------------------------------- seeded randomness

/** A deterministic random source; the same seed gives the same sequence on every machine. */
export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  u32(): number;
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  bytes(length: number): Uint8Array;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** mulberry32 (Tommy Ettinger): tiny, fast, and good enough for test traffic. */
export function makeRng(seed: number): Rng {
  let state = seed >>> 0;
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const float = (): number => u32() / 0x1_0000_0000;
  const int = (min: number, max: number): number => min + Math.floor(float() * (max - min + 1));
  return {
    u32,
    float,
    int,
    bytes: (length) => Uint8Array.from({ length }, () => u32() & 0xff),
    pick: (items) => {
      if (items.length === 0) throw new Error("Rng.pick: no items to pick from");
      return items[int(0, items.length - 1)]!;
    },
    chance: (p) => float() < p,
  };
}

// ---------------------------------------------------------------- random traffic

export const PACKET_KINDS = [
  "ipv4-udp", "ipv4-tcp", "ipv4-icmp", "ipv4-options-tcp", "ipv6-udp", "ipv6-tcp", "ipv6-icmpv6",
  "arp", "vlan-ipv4-udp", "qinq-ipv6-udp", "vxlan", "mpls-ipv4-udp",
] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];

/** A locally administered unicast MAC, so random frames never look like multicast. */
function randomMac(rng: Rng): Uint8Array {
  const mac = rng.bytes(6);
  mac[0] = (mac[0]! & 0xfc) | 0x02;
  return mac;
}

function randomEth(rng: Rng): PacketBuilder {
  return eth({ src: randomMac(rng), dst: randomMac(rng) });
}

function randomIpv4(b: PacketBuilder, rng: Rng, options?: Uint8Array): PacketBuilder {
  return b.ipv4({ src: rng.bytes(4), dst: rng.bytes(4), ttl: rng.int(1, 255), id: rng.int(0, 0xffff), options });
}

function randomIpv6(b: PacketBuilder, rng: Rng): PacketBuilder {
  return b.ipv6({ src: rng.bytes(16), dst: rng.bytes(16), hopLimit: rng.int(1, 255), flowLabel: rng.int(0, 0xfffff) });
}

function randomUdp(b: PacketBuilder, rng: Rng): PacketBuilder {
  return b.udp({ srcPort: rng.int(1024, 65535), dstPort: rng.pick([53, 123, 443, 5000]) })
    .payload(rng.bytes(rng.int(0, 64)));
}

/** The acknowledgment number is nonzero only with the ACK flag, as real stacks send it. */
function randomTcp(b: PacketBuilder, rng: Rng): PacketBuilder {
  const flags = rng.pick(["S", "SA", "A", "PA", "FA", "R"]);
  return b.tcp({
    srcPort: rng.int(1024, 65535), dstPort: rng.pick([22, 80, 443, 8080]),
    seq: rng.u32(), ack: flags.includes("A") ? rng.u32() : 0, flags,
  }).payload(rng.bytes(rng.int(0, 64)));
}

/** Random IPv4 options: NOPs and a Router Alert, enough to move the transport header. */
function randomIpv4Options(rng: Rng): Uint8Array {
  const routerAlert = [0x94, 0x04, 0x00, 0x00];
  return Uint8Array.from([...new Array<number>(rng.int(0, 3)).fill(0x01), ...routerAlert]);
}

const RANDOM_BUILDERS: Record<PacketKind, (rng: Rng) => PacketBuilder> = {
  "ipv4-udp": (rng) => randomUdp(randomIpv4(randomEth(rng), rng), rng),
  "ipv4-tcp": (rng) => randomTcp(randomIpv4(randomEth(rng), rng), rng),
  "ipv4-icmp": (rng) => randomIpv4(randomEth(rng), rng).icmp({ id: rng.int(0, 0xffff), seq: rng.int(0, 0xffff) }),
  "ipv4-options-tcp": (rng) => randomTcp(randomIpv4(randomEth(rng), rng, randomIpv4Options(rng)), rng),
  "ipv6-udp": (rng) => randomUdp(randomIpv6(randomEth(rng), rng), rng),
  "ipv6-tcp": (rng) => randomTcp(randomIpv6(randomEth(rng), rng), rng),
  "ipv6-icmpv6": (rng) => randomIpv6(randomEth(rng), rng).icmpv6({ id: rng.int(0, 0xffff), seq: rng.int(0, 0xffff) }),
  arp: (rng) => randomEth(rng).arp({
    op: rng.pick(["request", "reply"] as const), senderMac: randomMac(rng), senderIp: rng.bytes(4), targetIp: rng.bytes(4),
  }),
  "vlan-ipv4-udp": (rng) => {
    const tagged = randomEth(rng).vlan({ vid: rng.int(1, 4094), pcp: rng.int(0, 7) });
    return randomUdp(randomIpv4(tagged, rng), rng);
  },
  "qinq-ipv6-udp": (rng) => {
    const tagged = randomEth(rng).vlan({ vid: rng.int(1, 4094), tpid: 0x88a8 }).vlan({ vid: rng.int(1, 4094) });
    return randomUdp(randomIpv6(tagged, rng), rng);
  },
  vxlan: (rng) => {
    const tunnel = randomIpv4(randomEth(rng), rng).udp({ srcPort: rng.int(49152, 65535), dstPort: VXLAN_PORT })
      .vxlan({ vni: rng.int(0, 0xffffff) }).eth({ src: randomMac(rng), dst: randomMac(rng) });
    return randomUdp(randomIpv4(tunnel, rng), rng);
  },
  "mpls-ipv4-udp": (rng) => {
    const labelled = randomEth(rng).mpls({ label: rng.int(16, 0xfffff) }).mpls({ label: rng.int(16, 0xfffff) });
    return randomUdp(randomIpv4(labelled, rng), rng);
  },
};

/** A well-formed packet (correct lengths and checksums) of the given kind, or of a random kind. */
export function randomPacket(rng: Rng, kind: PacketKind = rng.pick(PACKET_KINDS)): Uint8Array {
  return RANDOM_BUILDERS[kind](rng).build();
}

/** A well-formed packet cut short at a random length (possibly 0), as a damaged capture would hold. */
export function truncatedPacket(rng: Rng): Uint8Array {
  const whole = randomPacket(rng);
  return whole.slice(0, rng.int(0, whole.length - 1));
}

/** Random bytes of random length in [0, maxLength]. */
export function garbagePacket(rng: Rng, maxLength = 128): Uint8Array {
  return rng.bytes(rng.int(0, maxLength));
}

/** Mostly valid traffic with some truncated packets and garbage (80 % / 10 % / 10 %). */
export function mixedPacket(rng: Rng): { kind: PacketKind | "truncated" | "garbage"; data: Uint8Array } {
  const roll = rng.float();
  if (roll < 0.1) return { kind: "truncated", data: truncatedPacket(rng) };
  if (roll < 0.2) return { kind: "garbage", data: garbagePacket(rng) };
  const kind = rng.pick(PACKET_KINDS);
  return { kind, data: randomPacket(rng, kind) };
}
