/**
 * Things to close when the process shuts down, registered by whichever part of the
 * process opened them (the custom server, or code inside the Next.js bundle, which has
 * its own module instances: hence a registry on `globalThis`).
 */
type Closer = () => Promise<void>;

const registryKey = Symbol.for('grimoire.closers');
type WithRegistry = typeof globalThis & { [registryKey]?: Map<string, Closer> };

function registry(): Map<string, Closer> {
  return ((globalThis as WithRegistry)[registryKey] ??= new Map());
}

/** Registers (or replaces) the closer for a named resource. */
export function onShutdown(name: string, close: Closer): void {
  registry().set(name, close);
}

/** Runs every registered closer once, in registration order; errors are collected. */
export async function closeRegisteredResources(): Promise<Error[]> {
  const errors: Error[] = [];
  const closers = [...registry().entries()];
  registry().clear();
  for (const [, close] of closers) {
    try {
      await close();
    } catch (error) {
      errors.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return errors;
}
