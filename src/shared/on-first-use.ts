/**
 * A value made on its first use and kept: how the services load their larger parts (a module,
 * a native addon) only when a call needs them, so a command that never does never parses them.
 *
 * @example
 * const jose = onFirstUse(() => import('jose'))
 * await jose() // loaded now; later calls get the same promise
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}
