// Worker-thread entry for parallel replay. Plain JavaScript so it loads before TypeScript support: it registers tsx
// and hands over to partition-task.ts.
import { register } from 'tsx/esm/api';

register();
const { runPartitionTask } = await import('./partition-task.ts');

// biome-ignore lint/style/noDefaultExport: tinypool calls the default export of a worker module
export default runPartitionTask;
