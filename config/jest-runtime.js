/**
 * Jest's `runtime` (jest.config.js): jest's own, with V8's code cache kept across the spec files a
 * worker runs.
 *
 * Jest gives every spec file a fresh module registry, so each file loads the app again (about
 * 2,700 modules: NestJS, TypeORM, fastify, class-validator, ours) and V8 compiles every one of
 * them again from source: about 0.7 s of a core per spec file on a 2-core machine, a fifth of an
 * e2e spec file's fixed cost. The compiled code does not depend on the registry: this keeps V8's
 * cache data for each file's transformed source in the worker (only for the same source: a
 * changed file is compiled afresh) and hands it to V8 when the next spec file loads it. V8 checks
 * the data against its own version and flags, and compiles from source when it refuses it.
 *
 * Only the compile step changes (ModuleExecutor.compile, as of jest 30): where a future jest has
 * no such step, this is jest's runtime unchanged.
 */
const { compileFunction } = require('node:vm');
const { default: Runtime } = require('jest-runtime');

/** Per worker process: a module's path → its transformed source and V8's cache data for it. */
const codeCache = new Map();

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    if (typeof executor?.compile !== 'function') return;
    const compileFromSource = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      // Node's own modules (jest names them apart) and a torn-down environment: jest's way.
      if (context == null || executor.resolution.isCoreModule(filename)) {
        return compileFromSource(source, filename);
      }
      const known = codeCache.get(filename);
      const cachedData = known?.source === source ? known.data : undefined;
      let compiled;
      try {
        compiled = compileFunction(source, executor.injectedModuleParameters, {
          filename,
          cachedData,
          produceCachedData: cachedData === undefined,
          importModuleDynamically: (specifier, _function, attributes, phase) =>
            executor.dynamicImport(specifier, filename, context, attributes, phase),
          parsingContext: context,
        });
      } catch {
        // A syntax error: jest's own compile reports it as jest does.
        return compileFromSource(source, filename);
      }
      if (compiled.cachedDataRejected) codeCache.delete(filename);
      else if (compiled.cachedDataProduced) {
        codeCache.set(filename, { source, data: compiled.cachedData });
      }
      return compiled;
    };
  }
}

module.exports = CodeCachingRuntime;
