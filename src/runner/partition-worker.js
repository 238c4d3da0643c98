// Worker-thread entry for parallel replay. Plain JavaScript so it loads before TypeScript support: it registers tsx
// and hands over to partition-task.ts. tinypool calls the default export (stage two) or `routeRange` (stage one).
import { register } from 'tsx/esm/api';

register();
const { routeRange, runPartitionTask } = await import('./partition-task.ts');

export { routeRange };
// biome-ignore lint/style/noDefaultExport: tinypool calls the default export of a worker module
export default runPartitionTask;
