// Node 20 has no Promise.withResolvers (it arrived in Node 22); aws-local-stepfunctions uses it.
// Imported for its side effect by the test setup and every local entry point that runs ASL.
interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}
const PromiseWithResolvers = Promise as unknown as { withResolvers?: <T>() => Deferred<T> };
if (typeof PromiseWithResolvers.withResolvers !== 'function') {
  PromiseWithResolvers.withResolvers = <T>(): Deferred<T> => {
    const deferred = {} as Deferred<T>;
    deferred.promise = new Promise<T>((resolve, reject) => {
      deferred.resolve = resolve;
      deferred.reject = reject;
    });
    return deferred;
  };
}

export {};
