/**
 * Loaded with `node --import bench/cli-probe.mjs bin/lockstep.js …`: when the CLI's process exits, prints one JSON line
 * on stdout with what the process spent from its start (CPU of every thread, user + sys; wall time since Node started)
 * and its peak RSS, so that the bench measures the real `lockstep` command from inside as well as from outside. It
 * reads nothing and allocates nothing while the command runs.
 */
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      seconds: performance.now() / 1000,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
});
