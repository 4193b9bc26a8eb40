// One-line, human summaries of Ethernet frames for `pnet demo`: enough of a
// dissector (802.1Q, ARP, IPv4, IPv6, TCP, UDP, ICMP) to say what a packet is
// and, comparing a packet with what the program made of it, what changed.

interface PacketFacts {
  readonly text: string;
  readonly fields: ReadonlyMap<string, string>;
}

/** "IPv4 10.0.0.1 → 10.1.0.5 UDP 1234 → 53, TTL 64, 74 bytes". */
export function summarisePacket(data: Uint8Array): string {
  return dissect(data).text;
}

/** The fields that differ between two packets, e.g. "TTL 64→63, eth.dst 02:…→00:…". */
export function describeChanges(before: Uint8Array, after: Uint8Array): string {
  const a = dissect(before).fields;
  const b = dissect(after).fields;
  const changes: string[] = [];
  for (const [name, value] of b) {
    const old = a.get(name);
    if (old !== undefined && old !== value) changes.push(`${name} ${old} → ${value}`);
  }
  for (const name of a.keys()) if (!b.has(name)) changes.push(`${name} removed`);
  for (const name of b.keys()) if (!a.has(name)) changes.push(`${name} added`);
  if (before.length !== after.length) changes.push(`${before.length} → ${after.length} bytes`);
  return changes.length === 0 ? (sameBytes(before, after) ? "unchanged" : "payload changed") : changes.join(", ");
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function dissect(data: Uint8Array): PacketFacts {
  const fields = new Map<string, string>();
  const parts: string[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const has = (at: number, n: number): boolean => at + n <= data.length;
  const done = (): PacketFacts => ({ text: [...parts, `${data.length} bytes`].join(", "), fields });
  if (!has(0, 14)) {
    parts.push("runt frame");
    return done();
  }
  fields.set("eth.dst", mac(data, 0));
  fields.set("eth.src", mac(data, 6));
  let ethertype = view.getUint16(12);
  let at = 14;
  for (let tag = 0; (ethertype === 0x8100 || ethertype === 0x88a8) && has(at, 4); tag++) {
    fields.set(`vlan[${tag}].vid`, String(view.getUint16(at) & 0xfff));
    parts.push(`VLAN ${view.getUint16(at) & 0xfff}`);
    ethertype = view.getUint16(at + 2);
    at += 4;
  }
  if (ethertype === 0x0806 && has(at, 28)) {
    const op = view.getUint16(at + 6);
    parts.push(op === 1 ? `ARP who-has ${ipv4(data, at + 24)} tell ${ipv4(data, at + 14)}` : `ARP ${ipv4(data, at + 14)} is-at ${mac(data, at + 8)}`);
    return done();
  }
  let proto: number | undefined;
  if (ethertype === 0x0800 && has(at, 20)) {
    const ihl = (data[at]! & 0xf) * 4;
    proto = data[at + 9]!;
    fields.set("ip.ttl", String(data[at + 8]));
    fields.set("ip.src", ipv4(data, at + 12));
    fields.set("ip.dst", ipv4(data, at + 16));
    parts.push(`IPv4 ${ipv4(data, at + 12)} → ${ipv4(data, at + 16)}`);
    at += Math.max(ihl, 20);
  } else if (ethertype === 0x86dd && has(at, 40)) {
    proto = data[at + 6]!;
    fields.set("ip6.hop_limit", String(data[at + 7]));
    parts.push(`IPv6 ${ipv6(view, at + 8)} → ${ipv6(view, at + 24)}`);
    at += 40;
  } else {
    parts.push(`ethertype 0x${ethertype.toString(16).padStart(4, "0")}`);
    return done();
  }
  if ((proto === 6 || proto === 17) && has(at, 4)) {
    parts.push(`${proto === 6 ? "TCP" : "UDP"} ${view.getUint16(at)} → ${view.getUint16(at + 2)}`);
  } else if ((proto === 1 || proto === 58) && has(at, 1)) {
    parts.push(`${proto === 1 ? "ICMP" : "ICMPv6"} type ${data[at]}`);
  } else {
    parts.push(`protocol ${proto}`);
  }
  parts.push(fields.has("ip.ttl") ? `TTL ${fields.get("ip.ttl")}` : `hop limit ${fields.get("ip6.hop_limit")}`);
  return done();
}

function mac(data: Uint8Array, at: number): string {
  return Array.from(data.subarray(at, at + 6), (b) => b.toString(16).padStart(2, "0")).join(":");
}

function ipv4(data: Uint8Array, at: number): string {
  return Array.from(data.subarray(at, at + 4)).join(".");
}

/** Compressed IPv6 text (RFC 5952: the longest run of two or more zero words becomes ::). */
function ipv6(view: DataView, at: number): string {
  const words = Array.from({ length: 8 }, (_, i) => view.getUint16(at + 2 * i));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}
