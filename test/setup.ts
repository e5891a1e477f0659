import 'aws-sdk-client-mock-vitest/extend';
import '../local/promise-with-resolvers.js';
