/**
 * Preloaded (`--require`) into a server started with `--cpu-prof`: exits normally on SIGTERM, so
 * that Node writes the CPU profile (a process killed by the signal writes none).
 */
process.once('SIGTERM', () => process.exit(0));
