// Module hooks that resolve 'electron' to electronStub.mjs (see module.register).
const stub = new URL('./electronStub.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: stub, shortCircuit: true };
  return next(specifier, context);
}
