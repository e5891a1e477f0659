import 'aws-sdk-client-mock-vitest/extend';
import '../local/runner/promise-with-resolvers.js';
