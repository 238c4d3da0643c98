/** Whether the environment says CI (`CI` set to anything but empty or `false`), as vitest and most CI tools read it. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
}
