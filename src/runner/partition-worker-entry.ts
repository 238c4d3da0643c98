// Worker-thread entry for parallel replay: tinypool calls the default export (stage two) or `routeRange` (stage one).
// The build emits it as dist/partition-worker.js; from the sources, partition-worker.js registers tsx and loads it.
import { routeRange, runPartitionTask } from './partition-task.ts';

export { routeRange };
// biome-ignore lint/style/noDefaultExport: tinypool calls the default export of a worker module
export default runPartitionTask;
