// Reads the executable format and CPU of a compiled binary from its header,
// so a release cannot put a Linux binary into the darwin package, or an arm64
// build into the x64 one.

const ELF_MACHINES = { 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES = { 0x8664: 'x64', 0xaa64: 'arm64' };

/**
 * { os, cpu } of an executable's bytes: os is "linux" (ELF), "darwin" (Mach-O)
 * or "win32" (PE); cpu is "x64", "arm64", "universal", or null when unknown.
 * Returns null for anything that is not an executable.
 */
export function binaryFormat(bytes) {
  const b = Buffer.from(bytes);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    return { os: 'linux', cpu: ELF_MACHINES[machine] || null };
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) {
    return { os: 'darwin', cpu: MACHO_CPUS[b.readUInt32LE(4)] || null };
  }
  if (b.length >= 8 && b.readUInt32BE(0) === 0xcafebabe) return { os: 'darwin', cpu: 'universal' };
  if (b.length >= 0x40 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (b.length >= pe + 6 && b.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      return { os: 'win32', cpu: PE_MACHINES[b.readUInt16LE(pe + 4)] || null };
    }
  }
  return null;
}

/** Throws unless `bytes` is an executable for `entry`'s os and cpu. */
export function assertBinaryFits(bytes, entry, label) {
  const format = binaryFormat(bytes);
  if (!format) throw new Error(`${label} is not an ELF, Mach-O or PE executable`);
  const cpuFits = format.cpu === entry.cpu || format.cpu === 'universal';
  if (format.os !== entry.os || !cpuFits) {
    throw new Error(
      `${label} is a ${format.os} ${format.cpu || 'unknown-cpu'} executable, ` +
        `but platform ${entry.id} needs ${entry.os} ${entry.cpu}`,
    );
  }
}
