// Worker-thread entry for parallel replay when Lockstep runs from its TypeScript sources (its own tests): plain
// JavaScript, so it loads before TypeScript support, registers tsx and hands over to partition-worker-entry.ts. The
// installed package runs dist/partition-worker.js, compiled from that same entry, with no tsx.
import { register } from 'tsx/esm/api';

register();
const { routeRange, default: runPartitionTask } = await import('./partition-worker-entry.ts');

export { routeRange };
// biome-ignore lint/style/noDefaultExport: tinypool calls the default export of a worker module
export default runPartitionTask;
