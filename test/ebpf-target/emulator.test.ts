// The emulator's XDP environment: kernel map semantics (LPM longest match,
// hash capacity and flags), bpf_xdp_adjust_head's limits, the metadata
// protocol, multicast group slots (the VM verifier on generated programs:
// verifier.test.ts).

import { describe, expect, it } from "vitest";
import { Memory } from "../../targets/ebpf/vm/memory.js";
import { MapFlags, MapType } from "../../targets/ebpf/elf/object.js";
import { compileEbpf, generateEbpf } from "../../targets/ebpf/index.js";
import { DevMap, Errno, HashMap, LpmTrieMap, UpdateFlags } from "../../targets/ebpf/xdp/maps.js";
import { EmulatorBackend } from "../../targets/ebpf/xdp/backend.js";
import { createDataplane, type InterfacePort } from "../../targets/ebpf/xdp/dataplane.js";
import { writeElf } from "../../targets/ebpf/elf/writer.js";
import { ControlPlaneError } from "../../runtime/dataplane.js";
import { XdpEnvironment } from "../../targets/ebpf/xdp/env.js";
import { XdpAction } from "../../targets/ebpf/codegen/helpers.js";
import { compile } from "../../compiler/compile.js";
import { compileFile } from "./harness.js";

const lpmKey = (length: number, ...bytes: number[]): Uint8Array => new Uint8Array([length, 0, 0, 0, ...bytes]);

describe("emulated maps", () => {
  it("LPM_TRIE: the longest stored prefix within the key's length wins; host bits are ignored", () => {
    const m = new LpmTrieMap({ name: "l", type: MapType.LPM_TRIE, keySize: 8, valueSize: 1, maxEntries: 8, flags: MapFlags.NO_PREALLOC }, new Memory());
    expect(m.update(lpmKey(8, 10, 0, 0, 0), new Uint8Array([1]), UpdateFlags.ANY)).toBe(0);
    expect(m.update(lpmKey(24, 10, 1, 2, 99), new Uint8Array([2]), UpdateFlags.ANY)).toBe(0); // host bits dropped
    expect(m.update(lpmKey(0, 0, 0, 0, 0), new Uint8Array([3]), UpdateFlags.ANY)).toBe(0);
    const at = (...b: number[]): number | undefined => {
      const address = m.lookup(lpmKey(32, ...b));
      return address === 0 ? undefined : m.arena.bytes[address - m.arena.base];
    };
    expect(at(10, 1, 2, 3)).toBe(2);
    expect(at(10, 9, 9, 9)).toBe(1);
    expect(at(11, 0, 0, 0)).toBe(3);
    expect(m.update(lpmKey(33, 0, 0, 0, 0), new Uint8Array([1]), UpdateFlags.ANY)).toBe(-Errno.EINVAL);
  });

  it("HASH: capacity, NOEXIST/EXIST flags, slots reused after delete", () => {
    const m = new HashMap({ name: "h", type: MapType.HASH, keySize: 1, valueSize: 1, maxEntries: 2, flags: 0 }, new Memory());
    const k = (n: number): Uint8Array => new Uint8Array([n]);
    expect(m.update(k(1), k(10), UpdateFlags.ANY)).toBe(0);
    expect(m.update(k(1), k(11), UpdateFlags.NOEXIST)).toBe(-Errno.EEXIST);
    expect(m.update(k(2), k(20), UpdateFlags.EXIST)).toBe(-Errno.ENOENT);
    expect(m.update(k(2), k(20), UpdateFlags.ANY)).toBe(0);
    expect(m.update(k(3), k(30), UpdateFlags.ANY)).toBe(-Errno.E2BIG);
    expect(m.delete(k(1))).toBe(0);
    expect(m.update(k(3), k(30), UpdateFlags.ANY)).toBe(0);
    expect(m.get(k(3))).toEqual(k(30));
    expect(m.lookup(k(1))).toBe(0);
  });
});

/** Writes the ingress port into the frame's type field and forwards to port 2. */
const PORT_ECHO = `
header e_t { dst: bit<48>; src: bit<48>; t: bit<16>; }
headers { eth: e_t; }
parser { state start { extract(eth); transition accept; } }
control ingress { eth.t = std.ingress_port; forward(2); }
deparser { emit(eth); }
`;

describe("the XDP environment", () => {
  it("runs an object without metadata: an interface the ifports map does not number is dropped, the frame untouched", () => {
    const env = new XdpEnvironment(compileEbpf(compileFile("examples/l2switch/l2switch.pnet")).object);
    const frame = new Uint8Array(60).fill(0x22);
    const out = env.run({ data: frame, ingressIfindex: 3 });
    expect(out.action).toBe(XdpAction.DROP);
    expect(out.meta.length).toBe(0);
    expect(out.data).toEqual(frame);
  });

  it("without metadata, std.ingress_port is the pnet port ifports gives the ifindex, and forward decides TX/redirect on pnet ports", () => {
    const { program, diagnostics } = compile(PORT_ECHO, { file: "echo.pnet" });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const env = new XdpEnvironment(compileEbpf(program!).object);
    const u32s = (...n: number[]): Uint8Array => new Uint8Array(new Uint32Array(n).buffer);
    // ifports[ifindex] = {u32 port, u32 numbered}: interface 2 is port 7, interface 5 is port 2
    // (taking ifindexes for ports would have swapped TX and redirect)
    expect(env.map("ifports").update(u32s(2), u32s(7, 1), UpdateFlags.ANY)).toBe(0);
    expect(env.map("ifports").update(u32s(5), u32s(2, 1), UpdateFlags.ANY)).toBe(0);
    const frame = new Uint8Array(60).fill(0x22);
    const fromIf2 = env.run({ data: frame, ingressIfindex: 2 });
    expect(fromIf2.action).toBe(XdpAction.REDIRECT);
    expect(fromIf2.redirect).toEqual({ kind: "port", ifindex: 2 });
    expect([fromIf2.data[12], fromIf2.data[13]]).toEqual([0, 7]);
    const fromIf5 = env.run({ data: frame, ingressIfindex: 5 });
    expect(fromIf5.action).toBe(XdpAction.TX);
    expect([fromIf5.data[12], fromIf5.data[13]]).toEqual([0, 2]);
  });
});

/** Multicasts to the group in the frame's type field. */
const MCAST_FIELD = `
header e_t { dst: bit<48>; src: bit<48>; t: bit<16>; }
headers { eth: e_t; }
parser { state start { extract(eth); transition accept; } }
control ingress { multicast(eth.t); }
deparser { emit(eth); }
`;

describe("multicast group slots", () => {
  const setup = (interfaces: readonly InterfacePort[] = []) => {
    const { program } = compile(MCAST_FIELD, { file: "mcast.pnet" });
    const { generated } = generateEbpf(program!);
    const backend = new EmulatorBackend(writeElf(generated!.object));
    return { backend, dp: createDataplane(program!, generated!.layout, backend, interfaces) };
  };
  const frame = (group: number): Uint8Array => {
    const f = new Uint8Array(60);
    f[12] = group >> 8;
    f[13] = group & 0xff;
    return f;
  };
  const word = (n: number): Uint8Array => new Uint8Array([n & 0xff, (n >> 8) & 0xff, 0, 0]);

  it("a group gets a slot in the group map and its interface ports in that slot's devmap; copies go to its ports but the ingress one", () => {
    const { backend, dp } = setup([{ port: 2, ifindex: 12 }, { port: 3, ifindex: 13 }]);
    dp.setMulticastGroup(1, [1, 2, 3, 9]); // 1 and 9 are no interface: not in the devmap
    dp.setMulticastGroup(4, [3]);
    expect(backend.lookup("mgroups", word(1))).toEqual(word(0));
    expect(backend.lookup("mgroups", word(4))).toEqual(word(1));
    const mg0 = backend.env.map("mg0") as DevMap;
    expect([1, 2, 3, 9].map((p) => mg0.target(p))).toEqual([undefined, 12, 13, undefined]);
    const [r] = dp.process([{ port: 2, data: frame(1) }]);
    expect(r!.verdict).toBe("multicast");
    expect(r!.outputs.map((o) => o.port)).toEqual([1, 3, 9]);
    dp.setMulticastGroup(1, [2]);
    expect([2, 3].map((p) => mg0.target(p))).toEqual([12, undefined]);
  });

  it("an unknown group drops (no copies); a ninth group is refused until one is emptied, whose slot it then takes", () => {
    const { backend, dp } = setup();
    expect(dp.process([{ port: 1, data: frame(7) }])[0]!.outputs).toEqual([]);
    for (let g = 10; g < 18; g++) dp.setMulticastGroup(g, [2]);
    expect(() => dp.setMulticastGroup(18, [2])).toThrow(ControlPlaneError);
    dp.setMulticastGroup(12, []);
    expect(backend.lookup("mgroups", word(12))).toBeUndefined();
    dp.setMulticastGroup(18, [2, 3]);
    expect(backend.lookup("mgroups", word(18))).toEqual(word(2));
    expect(dp.process([{ port: 1, data: frame(18) }])[0]!.outputs.map((o) => o.port)).toEqual([2, 3]);
    expect(dp.process([{ port: 1, data: frame(12) }])[0]!.outputs).toEqual([]);
  });
});
