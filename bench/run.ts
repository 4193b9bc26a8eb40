// Runs the benchmarks: `npm run bench` runs every suite, `npm run bench --
// frontend interp` runs the named ones. Each suite prints its own table.

const SUITES: Record<string, () => Promise<{ main: () => void | Promise<void> }>> = {
  frontend: () => import("./frontend.js"),
  wasm: () => import("./wasm.js"),
  ebpf: () => import("./ebpf.js"),
  "ebpf-vs-c": () => import("./ebpf.js").then((m) => ({ main: () => m.compareWithC() })),
  "acl-scale": async () => ({ main: (await import("./ebpf.js")).aclScale }),
  rmt: () => import("./rmt.js"),
  "lpm-scale": () => import("./lpm-scale.js"),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(SUITES)) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`unknown benchmark '${name}'; choose from: ${Object.keys(SUITES).join(", ")}`);
    process.exit(2);
  }
  await (await suite()).main();
}
